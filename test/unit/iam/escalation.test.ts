import { describe, expect, it } from 'vitest';
import { EffectivePermissions } from '../../../src/core/iam/effective-permissions.js';
import { ESCALATION_METHODS, escalationSummary, findEscalationPaths } from '../../../src/core/iam/escalation.js';
import { normalisePolicyDocument } from '../../../src/core/iam/policy-document.js';

const perms = (...statements: unknown[]) =>
  new EffectivePermissions([{ name: 'p', kind: 'managed', document: normalisePolicyDocument({ Version: '2012-10-17', Statement: statements }) }]);
const ids = (p: EffectivePermissions) => findEscalationPaths(p).map((e) => e.method.id);

describe('privilege escalation', () => {
  it('finds iam:CreatePolicyVersion and names the policy that grants it', () => {
    const paths = findEscalationPaths(perms({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }));
    expect(paths.map((p) => p.method.id)).toEqual(['create-policy-version']);
    expect(escalationSummary(paths)).toBe('CreatePolicyVersion (iam:CreatePolicyVersion via p)');
  });

  it('needs every action of a method: PassRole alone is not enough, PassRole + RunInstances is', () => {
    expect(ids(perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }))).toEqual([]);
    expect(ids(perms({ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }))).toEqual(['pass-role-ec2']);
  });

  it('finds many methods in iam:* (a wildcard covers them)', () => {
    const found = ids(perms({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }));
    expect(found).toContain('attach-user-policy');
    expect(found).toContain('put-group-policy');
    expect(found).not.toContain('attach-role-policy'); // needs sts:AssumeRole too
  });

  it('ignores grants scoped to the caller itself (manage your own keys)', () => {
    expect(ids(perms({ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'], Resource: 'arn:aws:iam::*:user/${aws:username}' }))).toEqual([]);
  });

  it('drops a method an explicit Deny blocks', () => {
    expect(ids(perms({ Effect: 'Allow', Action: 'iam:Put*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PutUserPolicy', Resource: '*' }))).toEqual(['put-group-policy']);
  });

  it('marks a method conditional when one of its actions is only allowed under a Condition', () => {
    const paths = findEscalationPaths(perms({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*', Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::1:policy/x' } } }));
    expect(paths[0]).toMatchObject({ conditional: true });
    expect(escalationSummary(paths)).toContain('(conditional)');
  });

  it('has unique method ids, each with at least one action', () => {
    expect(new Set(ESCALATION_METHODS.map((m) => m.id)).size).toBe(ESCALATION_METHODS.length);
    for (const m of ESCALATION_METHODS) expect(m.actions.length).toBeGreaterThan(0);
  });
});
