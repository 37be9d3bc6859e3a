import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { ACCOUNT, accessDenied, inventory, pack, resource } from './fixtures.js';

const EIP = pack(`pack: lab
rules:
  - id: ec2-eip-unattached
    resource: ec2:elastic-ip
    severity: high
    title: Elastic IP is not attached
    when: { associationId: { absent: true } }
  - id: ec2-eip-on-stopped-instance
    resource: ec2:elastic-ip
    severity: medium
    title: Elastic IP on a stopped instance
    requires: [ec2:elastic-ip, ec2:instance]
    when: { instanceId: { present: true } }
`);

const eip = (id: string, region: string) => resource({ type: 'ec2:elastic-ip', id, region });

describe('evaluate: errors are data', () => {
  it('reports a rule whose data could not be collected in a region as not evaluated there — never as a pass', () => {
    const result = evaluate({
      inventory: inventory([eip('eipalloc-us', 'us-east-1')], { collectedTypes: ['ec2:elastic-ip', 'ec2:instance'], errors: [accessDenied()] }),
      packs: [EIP],
      only: ['ec2-eip-unattached'],
    });
    expect(result.findings.map((f) => f.resourceId)).toEqual(['eipalloc-us']);
    expect(result.notEvaluated).toEqual([
      { ruleId: 'ec2-eip-unattached', pack: 'lab', title: 'Elastic IP is not attached', accountId: ACCOUNT, region: 'eu-west-1', reason: 'ec2:DescribeAddresses failed with AccessDenied' },
    ]);
    expect(result.errors).toEqual([{ ...accessDenied(), rulesNotEvaluated: ['ec2-eip-unattached'] }]);
    expect(result.rulesEvaluated).toBe(1);
    expect(result.rulesNotEvaluated).toBe(1);
  });

  it('produces no findings from a region whose data is missing, even if some resources were returned', () => {
    const result = evaluate({
      inventory: inventory([eip('eipalloc-eu', 'eu-west-1')], { collectedTypes: ['ec2:elastic-ip', 'ec2:instance'], errors: [accessDenied()] }),
      packs: [EIP],
      only: ['ec2-eip-unattached'],
    });
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toHaveLength(1);
  });

  it('blocks a rule through any of its required types, and names every rule the error blocked', () => {
    const instanceError = accessDenied({ region: 'us-east-1', operation: 'ec2:DescribeInstances', code: 'UnauthorizedOperation', resourceTypes: ['ec2:instance'] });
    const result = evaluate({
      inventory: inventory([eip('eipalloc-us', 'us-east-1')], { collectedTypes: ['ec2:elastic-ip', 'ec2:instance'], errors: [instanceError] }),
      packs: [EIP],
    });
    expect(result.notEvaluated.map((n) => [n.ruleId, n.region, n.reason])).toEqual([
      ['ec2-eip-on-stopped-instance', 'us-east-1', 'ec2:DescribeInstances failed with UnauthorizedOperation'],
    ]);
    expect(result.errors[0].rulesNotEvaluated).toEqual(['ec2-eip-on-stopped-instance']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['ec2-eip-unattached']);
  });

  it('treats an account-wide ("global") error as blocking every region of that account', () => {
    const result = evaluate({
      inventory: inventory([eip('eipalloc-us', 'us-east-1')], {
        collectedTypes: ['ec2:elastic-ip'],
        errors: [accessDenied({ region: 'global' })],
      }),
      packs: [EIP],
      only: ['ec2-eip-unattached'],
    });
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated.map((n) => n.region)).toEqual(['global']);
    expect(result.rulesEvaluated).toBe(0);
  });

  it('does not count a rule as evaluated when every region of the target failed', () => {
    const errors = ['us-east-1', 'eu-west-1'].map((region) => accessDenied({ region }));
    const result = evaluate({ inventory: inventory([], { collectedTypes: ['ec2:elastic-ip'], errors }), packs: [EIP], only: ['ec2-eip-unattached'] });
    expect(result.rulesEvaluated).toBe(0);
    expect(result.rulesNotEvaluated).toBe(1);
    expect(result.notEvaluated).toHaveLength(2);
  });

  it('reports a rule whose resource type was not collected as "not collected"', () => {
    const result = evaluate({ inventory: inventory([], { collectedTypes: ['ec2:elastic-ip'] }), packs: [EIP] });
    expect(result.notEvaluated).toEqual([
      { ruleId: 'ec2-eip-on-stopped-instance', pack: 'lab', title: 'Elastic IP on a stopped instance', accountId: ACCOUNT, region: '*', reason: 'not collected: ec2:instance' },
    ]);
    expect(result.rulesEvaluated).toBe(1);
    expect(result.rulesNotEvaluated).toBe(1);
  });

  it('leaves errors that touch no selected rule with an empty rulesNotEvaluated', () => {
    const other = accessDenied({ resourceTypes: ['s3:bucket'], operation: 's3:ListBuckets' });
    const result = evaluate({ inventory: inventory([], { collectedTypes: ['ec2:elastic-ip', 'ec2:instance'], errors: [other] }), packs: [EIP] });
    expect(result.errors).toEqual([{ ...other, rulesNotEvaluated: [] }]);
    expect(result.notEvaluated).toEqual([]);
  });
});
