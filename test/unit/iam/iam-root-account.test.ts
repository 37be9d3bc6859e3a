import { afterEach, describe, expect, it } from 'vitest';
import { iamRootAccount } from '../../../src/resources/iam-root-account.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeIam, generateReply, iamError, reportCsv, reportReply, summaryReply } from './iam-fake.js';

describe('iam:root-account', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('reads MFA, keys and last use from the <root_account> row of the report', async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GetAccountSummary: () => summaryReply({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 1, MFADevices: 2 }),
      GenerateCredentialReport: () => generateReply('COMPLETE'),
      GetCredentialReport: () =>
        reportReply(
          reportCsv([
            {
              user: '<root_account>',
              password: 'not_supported',
              passwordLastUsed: '2026-11-01T08:00:00+00:00',
              mfa: false,
              key1: { active: true, rotated: '2020-01-01T00:00:00+00:00', used: '2026-11-10T00:00:00+00:00', region: 'us-east-1', service: 's3' },
            },
            { user: 'alice', password: 'true', mfa: true },
          ]),
        ),
    });
    const [root] = await iamRootAccount.list(t.ctx);
    expect(root).toEqual({
      type: 'iam:root-account',
      id: 'root',
      arn: 'arn:aws:iam::111111111111:root',
      name: 'root user',
      accountId: '111111111111',
      region: 'global',
      tags: {},
      props: {
        mfaEnabled: false,
        accessKeysPresent: true,
        activeAccessKeys: 1,
        passwordLastUsed: '2026-11-01T08:00:00.000Z',
        accessKey1LastUsed: '2026-11-10T00:00:00.000Z',
        accessKey2LastUsed: undefined,
        lastUsed: '2026-11-10T00:00:00.000Z',
        lastUsedBy: 'access key 1',
        inCredentialReport: true,
        mfaDevices: 2,
      },
    });
  });

  it('falls back to the account summary when the report has no root row', async () => {
    t = testGlobalCollectContext();
    fakeIam({
      GetAccountSummary: () => summaryReply({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }),
      GenerateCredentialReport: () => generateReply('COMPLETE'),
      GetCredentialReport: () => reportReply(reportCsv([{ user: 'alice' }])),
    });
    const [root] = await iamRootAccount.list(t.ctx);
    expect(root.props).toMatchObject({ mfaEnabled: false, accessKeysPresent: false, activeAccessKeys: 0, inCredentialReport: false, lastUsed: undefined });
  });

  it('rejects with the AWS error when the summary is refused', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeIam({
      GetAccountSummary: () => iamError('AccessDenied', 'not authorized to perform: iam:GetAccountSummary', 403),
      GenerateCredentialReport: () => generateReply('COMPLETE'),
      GetCredentialReport: () => reportReply(reportCsv([])),
    });
    await expect(iamRootAccount.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(t.op('iam', 'GetAccountSummary').errors).toBe(1);
  });
});
