import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import type { Inventory } from '../../src/core/model.js';
import { parsePack } from '../../src/core/policy/load.js';

const { pack } = parsePack(
  `pack: t
rules:
  - id: eip-unattached
    resource: ec2:elastic-ip
    severity: high
    title: EIP unattached
    when: { associationId: { absent: true } }
`,
  'inline.yml',
);

function inventory(errors: Inventory['errors']): Inventory {
  return {
    tool: 'costguard', kind: 'inventory', schemaVersion: 1, version: 't', generatedAt: '2026-11-21T00:00:00Z',
    targets: [{ accountId: '111111111111', source: 'profile:a', regions: ['us-east-1'] }],
    collectedTypes: ['ec2:elastic-ip'], resources: [], errors,
  };
}

describe('rules over accounts that could not be reached', () => {
  it('reports every rule as not evaluated for an account whose role could not be assumed', () => {
    const result = evaluate({
      inventory: inventory([{ accountId: '222222222222', region: 'global', operation: 'sts:AssumeRole', code: 'AccessDenied', message: 'denied', resourceTypes: ['*'] }]),
      packs: [pack!],
    });
    expect(result.notEvaluated.map((n) => [n.ruleId, n.accountId])).toEqual([['eip-unattached', '222222222222']]);
    expect(result.rulesNotEvaluated).toBe(1);
    expect(result.errors[0].rulesNotEvaluated).toEqual(['eip-unattached']);
  });

  it('reports rules as not evaluated in every region when the region list itself could not be read', () => {
    const result = evaluate({
      inventory: inventory([{ accountId: '111111111111', region: 'global', operation: 'ec2:DescribeRegions', code: 'UnauthorizedOperation', message: 'no', resourceTypes: ['ec2:elastic-ip'] }]),
      packs: [pack!],
    });
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated.length).toBeGreaterThan(0);
    expect(result.notEvaluated.every((n) => n.ruleId === 'eip-unattached' && n.accountId === '111111111111')).toBe(true);
  });
});
