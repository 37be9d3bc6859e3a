import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/core/errors.js';
import { findingRuleIds } from '../../../../src/core/policy/select.js';
import { pack } from '../fixtures.js';

const PACKS = [
  pack(`pack: free-tier
rules:
  - { id: ec2-eip-unattached, resource: ec2:elastic-ip, severity: high, title: A }
  - { id: ec2-nat-gateway, resource: ec2:nat-gateway, severity: high, title: B }
`, 'free.yml'),
  pack(`pack: lab-cleanup
default: false
rules:
  - { id: lab-old-instance, resource: ec2:instance, severity: low, title: C }
`, 'lab.yml'),
];

function message(values: string[]): string {
  try {
    findingRuleIds(PACKS, values);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('nuke --findings values', () => {
  it('takes pack names, rule ids and globs', () => {
    expect(findingRuleIds(PACKS, ['lab-cleanup'])).toEqual(['lab-old-instance']);
    expect(findingRuleIds(PACKS, ['ec2-nat-gateway', 'ec2-*'])).toEqual(['ec2-nat-gateway', 'ec2-eip-unattached']);
  });

  it('names the unknown value and suggests the pack it resembles', () => {
    expect(message(['free-tre'])).toBe('--findings "free-tre" is not a pack name or rule id (did you mean "free-tier"?)');
  });

  it('suggests a rule id too, and reports every unknown value', () => {
    expect(message(['ec2-nat-gatway', 'zzz-*'])).toBe(
      '--findings "ec2-nat-gatway" is not a pack name or rule id (did you mean "ec2-nat-gateway"?); --findings "zzz-*" matches no pack or rule',
    );
  });
});
