import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/core/expression.js';

const fields: Record<string, unknown> = { iops: 5000, throughput: 250, multiAZ: true, size: '40', 'params.free': 30 };
const lookup = (name: string) => fields[name];

describe('cost quantity expressions', () => {
  it('computes provisioned IOPS above the gp3 baseline', () => {
    expect(compileExpression('max(iops - 3000, 0)')(lookup)).toBe(2000);
  });
  it('honours precedence and parentheses', () => {
    expect(compileExpression('2 + 3 * 4')(lookup)).toBe(14);
    expect(compileExpression('(2 + 3) * 4')(lookup)).toBe(20);
    expect(compileExpression('-throughput / 5 + 100')(lookup)).toBe(50);
  });
  it('doubles for Multi-AZ with if()', () => {
    expect(compileExpression('if(multiAZ, 2, 1)')(lookup)).toBe(2);
    expect(compileExpression('if(missing, 2, 1)')(lookup)).toBe(1);
  });
  it('reads numeric strings and dotted names', () => {
    expect(compileExpression('size - params.free')(lookup)).toBe(10);
  });
  it('is NaN when a field is missing', () => {
    expect(compileExpression('nothing * 2')(lookup)).toBeNaN();
  });
  it('rejects unknown functions and stray tokens with a plain message', () => {
    expect(() => compileExpression('exec(1)')).toThrow('unknown function "exec"');
    expect(() => compileExpression('1 + ')).toThrow('unexpected end');
    expect(() => compileExpression('1 ; 2')).toThrow('unexpected ";"');
  });
});

describe('string comparison in cost expressions', () => {
  const vol = (volumeType: string, iops: number, throughput: number) => (name: string) =>
    ({ volumeType, iops, throughput, 'params.base': 3000, 'prices.gp3': 0.005, 'prices.io1': 0.065 } as Record<string, unknown>)[name];
  const expr = "if(eq(volumeType, 'gp3'), max(iops - params.base, 0) * prices.gp3, iops * prices.io1)";
  it('bills gp3 only above the baseline', () => {
    expect(compileExpression(expr)(vol('gp3', 5000, 125))).toBeCloseTo(10);
  });
  it('bills every io1 IOPS', () => {
    expect(compileExpression(expr)(vol('io1', 1000, 0))).toBeCloseTo(65);
  });
});

describe('template fallbacks', () => {
  it('uses the text after ?? when the value is missing or empty', async () => {
    const { renderTemplate, templateVariables } = await import('../../src/core/template.js');
    expect(renderTemplate('last used {{lastAccessedDate ?? never}}', {})).toBe('last used never');
    expect(renderTemplate('last used {{lastAccessedDate ?? never}}', { lastAccessedDate: '2026-11-01' })).toBe('last used 2026-11-01');
    expect(templateVariables('{{a.b ?? x}} {{c}}')).toEqual(['a.b', 'c']);
  });
});
