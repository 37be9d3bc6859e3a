// The shared IAM fetch: every IAM type of an account together makes each call once, whatever the size of the account.
import { afterEach, describe, expect, it } from 'vitest';
import { iamAccountData } from '../../../src/resources/iam-account-data.js';
import { iamAccessKey } from '../../../src/resources/iam-access-key.js';
import { iamPasswordPolicy } from '../../../src/resources/iam-password-policy.js';
import { iamPolicy } from '../../../src/resources/iam-policy.js';
import { iamPrincipal } from '../../../src/resources/iam-principal.js';
import { iamRole } from '../../../src/resources/iam-role.js';
import { iamRootAccount } from '../../../src/resources/iam-root-account.js';
import { iamUser } from '../../../src/resources/iam-user.js';
import { testGlobalCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import {
  adminManaged,
  detailsReply,
  ec2Trust,
  encodedDocument,
  fakeIam,
  generateReply,
  iamError,
  iamReply,
  passwordPolicyReply,
  reportCsv,
  reportReply,
  summaryReply,
  type ReportRow,
  type RoleXml,
  type UserXml,
} from './iam-fake.js';

const IAM_TYPES = [iamRootAccount, iamUser, iamAccessKey, iamRole, iamPrincipal, iamPolicy, iamPasswordPolicy];

describe('shared IAM account data', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('collects 200 users and 200 roles with every IAM type in 6 calls (1 details page, report generated on the second poll)', async () => {
    t = testGlobalCollectContext();
    const users: UserXml[] = Array.from({ length: 200 }, (_, i) => ({ name: `user${i}`, groups: ['devs'] }));
    const roles: RoleXml[] = Array.from({ length: 200 }, (_, i) => ({ name: `role${i}`, trust: ec2Trust, lastUsed: '2026-11-01T00:00:00Z' }));
    const rows: ReportRow[] = users.map((u) => ({ user: u.name, password: 'true', mfa: true }));
    const fake = fakeIam({
      GetAccountSummary: () => summaryReply({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }),
      GenerateCredentialReport: [() => generateReply('STARTED'), () => generateReply('COMPLETE')],
      GetCredentialReport: () => reportReply(reportCsv(rows)),
      GetAccountPasswordPolicy: () => passwordPolicyReply({ MinimumPasswordLength: 14 }),
      GetAccountAuthorizationDetails: () => detailsReply({ users, roles, groups: [{ name: 'devs', attached: [{ name: 'AdministratorAccess', arn: adminManaged().arn }] }], policies: [adminManaged(1)] }),
    });
    const results = await Promise.all(IAM_TYPES.map((type) => type.list(t.ctx)));
    expect(results.map((r) => r.length)).toEqual([1, 200, 0, 200, 401, 0, 1]);
    expect(fake.requests.map((r) => r.op).sort()).toEqual([
      'GenerateCredentialReport',
      'GenerateCredentialReport',
      'GetAccountAuthorizationDetails',
      'GetAccountPasswordPolicy',
      'GetAccountSummary',
      'GetCredentialReport',
    ]);
    expect(t.stats.count('iam')).toBe(6);
  });

  it('asks for every filter at the largest page size and follows the Marker', async () => {
    t = testGlobalCollectContext();
    const fake = fakeIam({
      GetAccountAuthorizationDetails: [
        () => detailsReply({ users: [{ name: 'alice' }], marker: 'page-2' }),
        () => detailsReply({ users: [{ name: 'bob' }], roles: [{ name: 'r', trust: ec2Trust }] }),
      ],
    });
    const details = await iamAccountData(t.ctx).authorizationDetails();
    expect(details.users.map((u) => u.name)).toEqual(['alice', 'bob']);
    expect(details.roles.map((r) => r.name)).toEqual(['r']);
    const [first, second] = fake.calls('GetAccountAuthorizationDetails');
    expect(first.form.get('MaxItems')).toBe('1000');
    expect([1, 2, 3, 4, 5].map((i) => first.form.get(`Filter.member.${i}`))).toEqual(['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy']);
    expect(first.form.get('Marker')).toBeNull();
    expect(second.form.get('Marker')).toBe('page-2');
  });

  it('polls GenerateCredentialReport while it is in progress, then reads the report once', async () => {
    t = testGlobalCollectContext();
    const fake = fakeIam({
      GenerateCredentialReport: [() => generateReply('STARTED'), () => generateReply('INPROGRESS'), () => generateReply('COMPLETE')],
      GetCredentialReport: () => reportReply(reportCsv([{ user: '<root_account>', password: 'not_supported', mfa: true }])),
    });
    const rows = await iamAccountData(t.ctx).credentialReport();
    expect(rows.map((r) => r.user)).toEqual(['<root_account>']);
    expect(fake.calls('GenerateCredentialReport')).toHaveLength(3);
    expect(fake.calls('GetCredentialReport')).toHaveLength(1);
  });

  it('gives up after a bounded number of polls with an error naming the report', async () => {
    t = testGlobalCollectContext();
    fakeIam({ GenerateCredentialReport: () => generateReply('INPROGRESS') });
    await expect(iamAccountData(t.ctx).credentialReport()).rejects.toMatchObject({ name: 'CredentialReportNotReady' });
  });

  it('fetches the default version of an attached AWS-managed policy the details left out, once per ARN', async () => {
    t = testGlobalCollectContext();
    const arn = 'arn:aws:iam::aws:policy/IAMFullAccess';
    const fake = fakeIam({
      GetAccountAuthorizationDetails: () =>
        detailsReply({ users: [{ name: 'a', attached: [{ name: 'IAMFullAccess', arn }] }, { name: 'b', attached: [{ name: 'IAMFullAccess', arn }] }] }),
      GetPolicy: () => iamReply('GetPolicy', `<Policy><PolicyName>IAMFullAccess</PolicyName><Arn>${arn}</Arn><DefaultVersionId>v3</DefaultVersionId></Policy>`),
      GetPolicyVersion: () =>
        iamReply('GetPolicyVersion', `<PolicyVersion><Document>${encodedDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] })}</Document><VersionId>v3</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`),
    });
    const analysis = await iamAccountData(t.ctx).analysis();
    expect(analysis.users.get('a')?.serviceWildcards.map((w) => w.pattern)).toEqual(['iam:*']);
    expect(fake.calls('GetPolicy')).toHaveLength(1);
    expect(fake.calls('GetPolicyVersion').map((r) => r.form.get('VersionId'))).toEqual(['v3']);
  });

  it('shares nothing between accounts (one client each)', async () => {
    t = testGlobalCollectContext();
    const other = testGlobalCollectContext();
    try {
      expect(iamAccountData(t.ctx)).toBe(iamAccountData(t.ctx));
      expect(iamAccountData(t.ctx)).not.toBe(iamAccountData(other.ctx));
    } finally {
      other.dispose();
    }
  });

  it('fails only the types that need a refused call (AccessDenied on the credential report)', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeIam({
      GenerateCredentialReport: () => iamError('AccessDenied', 'User is not authorized to perform: iam:GenerateCredentialReport', 403),
      GetAccountAuthorizationDetails: () => detailsReply({ roles: [{ name: 'r', trust: ec2Trust }] }),
      GetAccountPasswordPolicy: () => iamError('NoSuchEntity', 'The Password Policy with domain name 111111111111 cannot be found.', 404),
    });
    await expect(iamAccessKey.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(iamUser.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await iamRole.list(t.ctx)).map((r) => r.id)).toEqual(['r']);
    expect((await iamPasswordPolicy.list(t.ctx))[0].props.set).toBe(false);
  });
});
