import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/model.js';
import { renderReport } from '../../../src/report/index.js';
import { expectGolden, fixtureReport } from './helpers.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

const opts = { lang: 'en' as const, color: false };

describe('json format', () => {
  it('matches the golden file', () => {
    expectGolden('report.json', renderReport('json', fixtureReport(), opts));
  });

  it('validates against the shipped report schema (fixture and rendered output)', () => {
    expect(schemaErrors(REPORT_SCHEMA, fixtureReport())).toEqual([]);
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', fixtureReport(), opts)))).toEqual([]);
  });

  it('rejects a report that drifts from the contract', () => {
    const bad = fixtureReport() as unknown as Record<string, unknown>;
    (bad.findings as Array<Record<string, unknown>>)[0].severity = 'urgent';
    bad.extra = 1;
    const errors = schemaErrors(REPORT_SCHEMA, bad);
    expect(errors.join('\n')).toMatch(/\/findings\/0\/severity/);
    expect(errors.join('\n')).toMatch(/additional/);
  });

  it('writes the same bytes whatever order keys and findings were built in', () => {
    const a = fixtureReport();
    const shuffled: Report = JSON.parse(JSON.stringify(a));
    shuffled.findings.reverse();
    shuffled.findings = shuffled.findings.map((f) => Object.fromEntries(Object.entries(f).reverse()) as typeof f);
    shuffled.summary = Object.fromEntries(Object.entries(shuffled.summary).reverse()) as typeof shuffled.summary;
    expect(renderReport('json', shuffled, opts)).toBe(renderReport('json', a, opts));
  });

  it('starts with the contract keys in order and uses two-space indentation', () => {
    const text = renderReport('json', fixtureReport(), opts);
    expect(Object.keys(JSON.parse(text))).toEqual(['tool', 'version', 'schemaVersion', 'generatedAt', 'targets', 'findings', 'errors', 'notEvaluated', 'summary']);
    expect(text.split('\n')[1]).toBe('  "tool": "costguard",');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('keeps suppressed findings, marked with their reason', () => {
    const parsed = JSON.parse(renderReport('json', fixtureReport(), opts)) as Report;
    const suppressed = parsed.findings.filter((f) => f.suppressed);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressed).toEqual({ reason: 'Reserved for the workshop DNS record', expires: '2099-12-31', source: '.costguard.yml:4' });
  });
});
