import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument } from '../../../src/core/iam/policy-document.js';
import { analyseTrustPolicy } from '../../../src/core/iam/trust-policy.js';

const trust = (statement: Record<string, unknown>) =>
  analyseTrustPolicy(normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] }), '111111111111');

describe('analyseTrustPolicy', () => {
  it('flags Principal "*" and {"AWS": "*"} with no condition', () => {
    expect(trust({ Principal: '*' }).trustsAnyPrincipal).toBe(true);
    expect(trust({ Principal: { AWS: '*' } }).open).toEqual([{ reason: 'Principal "*" (any AWS account)', conditional: false }]);
  });

  it('accepts "*" restricted by an organization, account or external id condition', () => {
    expect(trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }).trustsAnyPrincipal).toBe(false);
    expect(trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } }).trustsAnyPrincipal).toBe(false);
  });

  it('still flags "*" whose condition does not pin the caller (MFA, wildcard values, IfExists, negations)', () => {
    expect(trust({ Principal: { AWS: '*' }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }).open[0]).toMatchObject({ conditional: true });
    expect(trust({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }).trustsAnyPrincipal).toBe(true);
    expect(trust({ Principal: { AWS: '*' }, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } } }).trustsAnyPrincipal).toBe(true);
    expect(trust({ Principal: { AWS: '*' }, Condition: { StringNotEquals: { 'aws:PrincipalAccount': '222222222222' } } }).trustsAnyPrincipal).toBe(true);
  });

  it('flags NotPrincipal in an Allow', () => {
    expect(trust({ NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }).trustsAnyPrincipal).toBe(true);
  });

  it('flags a GitHub OIDC trust without a :sub condition, and accepts one with it', () => {
    const provider = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const base = { Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity' };
    const open = trust({ ...base, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } });
    expect(open.open[0].reason).toMatch(/any GitHub Actions workflow/);
    const pinned = trust({ ...base, Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } } });
    expect(pinned.trustsAnyPrincipal).toBe(false);
  });

  it('lists services, principals and other accounts trusted', () => {
    const t = analyseTrustPolicy(
      normalisePolicyDocument({
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222222222222:root', '111111111111'] }, Action: 'sts:AssumeRole' },
        ],
      }),
      '111111111111',
    );
    expect(t).toMatchObject({ trustsAnyPrincipal: false, services: ['lambda.amazonaws.com'], crossAccounts: ['222222222222'] });
  });

  it('ignores Deny statements and statements that do not allow assuming the role', () => {
    expect(trust({ Effect: 'Deny', Principal: '*' }).trustsAnyPrincipal).toBe(false);
    expect(trust({ Principal: '*', Action: 'sts:TagSession' }).trustsAnyPrincipal).toBe(false);
  });
});
