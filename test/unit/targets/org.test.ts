import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTargets, type TargetOptions } from '../../../src/aws/targets/index.js';
import { CredentialsError, UsageError } from '../../../src/core/errors.js';
import { deps, FakeOrganizations, FakeSts, tempHome, type OrgNodeSpec, type TempHome } from './helpers.js';

const MGMT = '111111111111';
const TREE: OrgNodeSpec = {
  id: 'r-ab12',
  name: 'Root',
  accounts: [{ id: MGMT, name: 'management' }],
  children: [
    {
      id: 'ou-ab12-aaaaaaaa',
      name: 'Workloads',
      accounts: [
        { id: '222222222222', name: 'prod-web' },
        { id: '333333333333', name: 'closed-one', state: 'SUSPENDED' },
      ],
      children: [
        {
          id: 'ou-ab12-bbbbbbbb',
          name: 'Lab',
          accounts: [
            { id: '444444444444', name: 'lab-alice' },
            { id: '555555555555', name: 'lab-locked' },
          ],
        },
      ],
    },
    { id: 'ou-ab12-cccccccc', name: 'Sandbox', accounts: [{ id: '666666666666', name: 'sandbox' }] },
  ],
};

describe('--org', () => {
  let home: TempHome;
  let sts: FakeSts;
  let org: FakeOrganizations;

  beforeEach(() => {
    home = tempHome();
    process.env.AWS_ACCESS_KEY_ID = 'AKIAMANAGEMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'mgmt-secret';
    sts = new FakeSts(new Set(['arn:aws:iam::555555555555:role/OrganizationAccountAccessRole']));
    sts.key('AKIAMANAGEMENT00001', { account: MGMT, arn: `arn:aws:iam::${MGMT}:user/admin` });
    sts.intercept();
    org = new FakeOrganizations(TREE, 1);
    org.intercept();
  });

  afterEach(() => home.cleanup());

  async function resolve(options: TargetOptions) {
    const resolution = await resolveTargets({ org: true, ...options }, deps());
    resolution.dispose?.();
    return resolution;
  }

  it('walks the OU tree for names and OU paths, assumes the role in each active member, and uses its own credentials for itself', async () => {
    const resolution = await resolve({});
    expect(resolution.targets.map((t) => [t.target.accountId, t.target.name, t.target.source, t.ouPath])).toEqual([
      [MGMT, 'management', 'default', 'Root'],
      ['222222222222', 'prod-web', 'org:OrganizationAccountAccessRole', 'Root/Workloads'],
      ['444444444444', 'lab-alice', 'org:OrganizationAccountAccessRole', 'Root/Workloads/Lab'],
      ['666666666666', 'sandbox', 'org:OrganizationAccountAccessRole', 'Root/Sandbox'],
    ]);
    expect(resolution.targets[1].callerArn).toBe('arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/costguard');
    // The suspended account is not a target; the member whose role is refused is an error, the others still resolve.
    expect(resolution.errors).toHaveLength(1);
    expect(resolution.errors[0]).toMatchObject({ accountId: '555555555555', code: 'AccessDenied', operation: 'sts:AssumeRole' });
    expect(resolution.unreachable?.[0]).toMatchObject({ name: 'lab-locked', ouPath: 'Root/Workloads/Lab' });
    expect(sts.assumed).not.toContain(`arn:aws:iam::${MGMT}:role/OrganizationAccountAccessRole`);
  });

  it('needs calls in proportion to the OUs, never one per account', async () => {
    await resolve({});
    // 4 nodes (root + 3 OUs): one ListOrganizationalUnitsForParent page each (pages of 1: +1 for the root's 2 OUs),
    // ListAccountsForParent pages: 1 + 2 + 2 + 1.
    expect(org.count('ListOrganizationalUnitsForParent')).toBe(5);
    expect(org.count('ListAccountsForParent')).toBe(6);
    expect(org.count('ListParents')).toBe(0);
    expect(org.count('DescribeAccount')).toBe(0);
  });

  it('--ou narrows to the accounts under that OU, recursively, with their full path', async () => {
    const resolution = await resolve({ ous: ['ou-ab12-aaaaaaaa'] });
    expect(resolution.targets.map((t) => [t.target.accountId, t.ouPath])).toEqual([
      ['222222222222', 'Root/Workloads'],
      ['444444444444', 'Root/Workloads/Lab'],
    ]);
    const nested = await resolve({ ous: ['ou-ab12-bbbbbbbb'], excludeAccounts: ['555555555555'] });
    expect(nested.targets.map((t) => [t.target.accountId, t.ouPath])).toEqual([['444444444444', 'Root/Workloads/Lab']]);
    expect(nested.errors).toEqual([]);
  });

  it('--account and --exclude-account filter; an --account outside the Organization is reported', async () => {
    const resolution = await resolve({ accounts: ['222222222222', '333333333333', '999999999999'] });
    expect(resolution.targets.map((t) => t.target.accountId)).toEqual(['222222222222']);
    expect(resolution.errors.map((e) => [e.accountId, e.code])).toEqual([
      ['333333333333', 'AccountNotActive'],
      ['999999999999', 'NotInOrganization'],
    ]);
  });

  it('--org-role picks the role to assume', async () => {
    const resolution = await resolve({ orgRole: 'AuditRole', accounts: ['444444444444'] });
    expect(resolution.targets[0].target.source).toBe('org:AuditRole');
    expect(sts.assumed).toEqual(['arn:aws:iam::444444444444:role/AuditRole']);
  });

  it('--shard I/N splits the accounts into disjoint parts that cover them all', async () => {
    const parts = [];
    for (let i = 1; i <= 3; i++) parts.push(await resolve({ shard: { index: i, count: 3 } }));
    const ids = parts.map((p) => [...p.targets.map((t) => t.target.accountId), ...p.errors.map((e) => e.accountId)].sort());
    // Active accounts sorted by id: 1111, 2222, 4444, 5555, 6666 → index % 3.
    expect(ids).toEqual([
      [MGMT, '555555555555'],
      ['222222222222', '666666666666'],
      ['444444444444'],
    ]);
  });

  it('a caller that cannot read the Organization is a credentials error (exit 4) saying which account to use', async () => {
    org.refuse = 'AWSOrganizationsNotInUseException';
    const error = await resolve({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).hint).toContain('management account');
  });

  it('an unknown --ou is a usage error', async () => {
    const error = await resolve({ ous: ['ou-ab12-zzzzzzzz'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
  });
});
