import { describe, expect, it } from 'vitest';
import { evaluate, requiredResourceTypes } from '../../../src/core/evaluate.js';
import { UsageError } from '../../../src/core/errors.js';
import { inventory, pack } from './fixtures.js';

const FREE = pack(`pack: free-tier
params: { ebsFreeGiB: 30, strict: false, regions: [us-east-1] }
rules:
  - { id: ec2-eip-unattached, resource: ec2:elastic-ip, severity: high, title: A }
  - { id: ec2-nat-gateway, resource: ec2:nat-gateway, severity: high, title: B }
  - { id: ebs-volume-unattached, resource: ec2:volume, severity: low, title: C, requires: [ec2:volume, ec2:instance] }
`, 'free.yml');
const IAM = pack(`pack: iam
default: false
params: { ebsFreeGiB: 10 }
rules:
  - { id: iam-root-mfa, resource: iam:summary, severity: critical, title: D }
`, 'iam.yml');
const PACKS = [FREE, IAM];

function ruleIds(options: Parameters<typeof requiredResourceTypes>[1]): string[] {
  return evaluate({ inventory: inventory([]), packs: PACKS, ...options }).rules.map((r) => r.id);
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('rule selection', () => {
  it('runs the default packs when no pack is chosen', () => {
    expect(ruleIds({})).toEqual(['ec2-eip-unattached', 'ec2-nat-gateway', 'ebs-volume-unattached']);
  });

  it('runs the chosen packs', () => {
    expect(ruleIds({ packsSelected: ['iam'] })).toEqual(['iam-root-mfa']);
  });

  it('picks rules by id or glob with only, and drops them with skip', () => {
    expect(ruleIds({ only: ['ec2-*'] })).toEqual(['ec2-eip-unattached', 'ec2-nat-gateway']);
    expect(ruleIds({ only: ['ec2-*'], skip: ['*-nat-*'] })).toEqual(['ec2-eip-unattached']);
    expect(ruleIds({ skip: ['ebs-volume-unattached'] })).toEqual(['ec2-eip-unattached', 'ec2-nat-gateway']);
  });

  it('lets only pick a rule of a non-default pack by id', () => {
    expect(ruleIds({ only: ['iam-root-mfa'] })).toEqual(['iam-root-mfa']);
  });

  it('rejects an unknown rule id with a suggestion', () => {
    const error = usageError(() => ruleIds({ only: ['ec2-eip-unatached'] }));
    expect(error.message).toBe('--rule unknown rule id "ec2-eip-unatached" (did you mean "ec2-eip-unattached"?)');
    expect(usageError(() => ruleIds({ skip: ['nope-*'] })).message).toBe('--skip-rule no rule matches "nope-*"');
  });

  it('says when an --only rule is in a pack that is not selected', () => {
    expect(usageError(() => ruleIds({ packsSelected: ['free-tier'], only: ['iam-root-mfa'] })).message).toBe(
      '--rule "iam-root-mfa": rule "iam-root-mfa" is in pack "iam", which is not selected (add --pack iam)',
    );
  });

  it('rejects an unknown pack with a suggestion', () => {
    expect(usageError(() => ruleIds({ packsSelected: ['free-teir'] })).message).toBe('unknown pack "free-teir" (did you mean "free-tier"?)');
  });

  it('lists the resource types the selected rules need', () => {
    expect(requiredResourceTypes(PACKS, {})).toEqual(['ec2:elastic-ip', 'ec2:instance', 'ec2:nat-gateway', 'ec2:volume']);
    expect(requiredResourceTypes(PACKS, { packsSelected: ['iam'] })).toEqual(['iam:summary']);
    expect(requiredResourceTypes(PACKS, { only: ['ebs-*'] })).toEqual(['ec2:instance', 'ec2:volume']);
  });
});

describe('--param overrides', () => {
  const run = (params: Record<string, string>) => evaluate({ inventory: inventory([]), packs: PACKS, params });

  it('rejects an unknown param with a suggestion', () => {
    expect(usageError(() => run({ ebsFreeGib: '5' })).message).toBe('unknown param "ebsFreeGib" (did you mean "ebsFreeGiB"?)');
    expect(usageError(() => run({ 'iam.strict': 'true' })).message).toBe('unknown param "iam.strict" (did you mean "strict"?)');
  });

  it('coerces values to the type of the pack default and rejects values that do not fit', () => {
    expect(() => run({ ebsFreeGiB: '40', strict: 'yes', regions: 'us-east-1,eu-west-1' })).not.toThrow();
    expect(usageError(() => run({ ebsFreeGiB: 'lots' })).message).toBe('--param ebsFreeGiB must be a number, not "lots"');
    expect(usageError(() => run({ strict: 'perhaps' })).message).toBe('--param strict must be true or false, not "perhaps"');
  });
});
