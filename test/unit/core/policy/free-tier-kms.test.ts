// kms-customer-key of the shipped free-tier pack, including a key whose key policy hides its state.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../src/core/evaluate.js';
import { loadBuiltinPacks } from '../../../../src/core/policy/load.js';
import { inventory, NOW, resource } from '../fixtures.js';

const key = (id: string, props: Record<string, unknown>) => resource({ type: 'kms:key', id, props });

function findings(resources: ReturnType<typeof resource>[], lang?: string) {
  return evaluate({ inventory: inventory(resources), packs: loadBuiltinPacks(), only: ['kms-customer-key'], now: NOW, lang }).findings;
}

describe('kms-customer-key', () => {
  it('flags customer keys that bill, not AWS managed keys or keys pending deletion', () => {
    const found = findings([
      key('k-app', { keyManager: 'CUSTOMER', keyState: 'Enabled', description: 'app data', aliases: [] }),
      key('k-aws', { keyManager: 'AWS', keyState: 'Enabled', aliases: ['alias/aws/ebs'] }),
      key('k-del', { keyManager: 'CUSTOMER', keyState: 'PendingDeletion', aliases: [] }),
    ]);
    expect(found.map((f) => [f.resourceId, f.message, f.monthlyCostUsd])).toEqual([['k-app', 'Customer managed KMS key k-app (app data) is Enabled.', 1]]);
  });

  it('flags a key whose key policy refuses DescribeKey, and says its state is hidden', () => {
    const [f] = findings([key('k-locked', { keyManager: 'CUSTOMER', describeDenied: true, aliases: [] })]);
    expect(f.message).toBe('Customer managed KMS key k-locked (no description) is in a state its key policy hides from costguard.');
    expect(findings([key('k-locked', { keyManager: 'CUSTOMER', describeDenied: true, aliases: [] })], 'ko')[0].message).toContain('키 정책');
  });
});
