import { afterEach, describe, expect, it } from 'vitest';
import { iamUser } from '../../../src/resources/iam-user.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { ADMIN_ARN, adminManaged, detailsReply, fakeIam, generateReply, reportCsv, reportReply } from './iam-fake.js';

describe('iam:user', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('joins the credential report with the authorization details', async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GenerateCredentialReport: () => generateReply('COMPLETE'),
      GetCredentialReport: () =>
        reportReply(
          reportCsv([
            { user: 'alice', password: 'true', passwordLastUsed: '2026-11-01T00:00:00+00:00', mfa: false, key1: { active: true, rotated: '2025-01-01T00:00:00+00:00', used: '2026-11-05T00:00:00+00:00' }, key2: { active: true, rotated: '2026-01-01T00:00:00+00:00' } },
          ]),
        ),
      GetAccountAuthorizationDetails: () =>
        detailsReply({
          users: [
            { name: 'alice', groups: ['devs'], attached: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }], inline: [{ name: 'extra', doc: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }] },
            { name: 'new-user' },
          ],
          policies: [adminManaged()],
        }),
    });
    const [alice, fresh] = await iamUser.list(t.ctx);
    expect(alice).toMatchObject({ type: 'iam:user', id: 'alice', arn: 'arn:aws:iam::111111111111:user/alice', createdAt: '2024-01-01T00:00:00.000Z', region: 'global' });
    expect(alice.props).toMatchObject({
      userName: 'alice',
      passwordEnabled: true,
      mfaActive: false,
      activeAccessKeys: 2,
      accessKeys: 2,
      lastActivity: '2026-11-05T00:00:00.000Z',
      groups: ['devs'],
      attachedPolicies: ['AdministratorAccess'],
      inlinePolicies: ['extra'],
      directPolicies: 'AdministratorAccess, inline:extra',
      directPolicyCount: 2,
      inCredentialReport: true,
    });
    // Created after the report was generated: listed, with the report's facts unknown rather than false.
    expect(fresh.props).toMatchObject({ inCredentialReport: false, passwordEnabled: undefined, mfaActive: undefined, directPolicyCount: 0 });
  });
});
