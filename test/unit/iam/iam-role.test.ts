import { afterEach, describe, expect, it } from 'vitest';
import { iamRole } from '../../../src/resources/iam-role.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { detailsReply, ec2Trust, fakeIam } from './iam-fake.js';

describe('iam:role', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('reads trust, last use and origin, and lists AWS-reserved roles with their origin', async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GetAccountAuthorizationDetails: () =>
        detailsReply({
          roles: [
            { name: 'open', trust: { Version: '2012-10-17', Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] } },
            { name: 'app', trust: ec2Trust, lastUsed: '2026-11-20T00:00:00Z' },
            { name: 'AWSServiceRoleForSupport', path: '/aws-service-role/support.amazonaws.com/', trust: { Statement: [{ Effect: 'Allow', Principal: { Service: 'support.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
            { name: 'AWSReservedSSO_Admin_0123456789abcdef', path: '/aws-reserved/sso.amazonaws.com/', trust: { Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:saml-provider/AWSSSO_x_DO_NOT_DELETE' }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'], Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] } },
          ],
        }),
    });
    const roles = await iamRole.list(t.ctx);
    expect(roles.map((r) => [r.id, r.props.origin, r.props.trustsAnyPrincipal])).toEqual([
      ['open', 'customer', true],
      ['app', 'customer', false],
      ['AWSServiceRoleForSupport', 'service-linked', false],
      ['AWSReservedSSO_Admin_0123456789abcdef', 'sso', false],
    ]);
    expect(roles[0].props).toMatchObject({ trustOpenReasons: 'Principal "*" (any AWS account) in statement Anyone', trustedPrincipals: ['*'], neverUsed: true, lastUsedText: 'never' });
    expect(roles[1]).toMatchObject({ arn: 'arn:aws:iam::111111111111:role/app', createdAt: '2024-01-01T00:00:00.000Z' });
    expect(roles[1].props).toMatchObject({ trustedServices: ['ec2.amazonaws.com'], lastUsedAt: '2026-11-20T00:00:00.000Z', lastUsedText: '2026-11-20 in us-east-1', neverUsed: false });
  });

  it('protects AWS-reserved roles and the Organizations access role from deletion', () => {
    const role = (id: string, origin: string, path = '/') => ({ type: 'iam:role', id, name: id, accountId: '1', region: 'global', tags: {}, props: { origin, path } });
    const ctx = { defaultVpcs: new Map<string, Set<string>>(), includeDefaultVpc: false };
    expect(iamRole.guard?.(role('AWSServiceRoleForSupport', 'service-linked', '/aws-service-role/support.amazonaws.com/'), ctx)).toMatch(/service-linked/);
    expect(iamRole.guard?.(role('AWSReservedSSO_Admin_1', 'sso', '/aws-reserved/sso.amazonaws.com/'), ctx)).toMatch(/Identity Center/);
    expect(iamRole.guard?.(role('OrganizationAccountAccessRole', 'customer'), ctx)).toMatch(/Organization/);
    expect(iamRole.guard?.(role('reserved-by-aws', 'customer', '/aws-reserved/other/'), ctx)).toMatch(/reserved by AWS/);
    expect(iamRole.guard?.(role('lab-role', 'customer'), ctx)).toBeUndefined();
  });
});
