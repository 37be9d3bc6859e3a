import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTargets, type TargetOptions } from '../../../src/aws/targets/index.js';
import { CredentialsError, UsageError } from '../../../src/core/errors.js';
import { deps, FakeOrganizations, FakeSts, tempHome, type OrgNodeSpec, type TempHome } from './helpers.js';
import { shardOfKey } from '../../../src/core/shard.js';
import { listAccountsOnce } from '../../../src/aws/targets/resolve.js';

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

  it('--shard I/N splits the active accounts into disjoint parts that cover them all', async () => {
    const parts = [];
    for (let i = 1; i <= 3; i++) parts.push(await resolve({ shard: { index: i, count: 3 } }));
    const ids = parts.map((p) => [...p.targets.map((t) => t.target.accountId), ...p.errors.map((e) => e.accountId)].sort());
    const active = [MGMT, '222222222222', '444444444444', '555555555555', '666666666666'];
    expect(ids.flat().sort()).toEqual(active);
    expect(ids).toEqual([1, 2, 3].map((i) => active.filter((id) => shardOfKey(id, 3) === i)));
    // Each shard records what it split: the same 5 active accounts, so `report merge` can check the shards agree.
    expect(parts.map((p) => [p.listing?.index, p.listing?.count, p.listing?.accounts])).toEqual([[1, 3, 5], [2, 3, 5], [3, 3, 5]]);
    expect(new Set(parts.map((p) => p.listing?.digest)).size).toBe(1);
  });

  it('--workers: the parent lists the Organization once; a worker takes its slice of that listing and lists nothing', async () => {
    const listed = await listAccountsOnce({ org: true, shard: { index: 1, count: 2 } }, deps());
    if (listed?.kind !== 'org') throw new Error(`expected an Organization listing, got ${JSON.stringify(listed)}`);
    expect(listed.accounts.map((a) => [a.id, a.state])).toEqual([
      [MGMT, 'ACTIVE'], ['222222222222', 'ACTIVE'], ['333333333333', 'SUSPENDED'], ['444444444444', 'ACTIVE'], ['555555555555', 'ACTIVE'], ['666666666666', 'ACTIVE'],
    ]);
    const listingCalls = org.calls.length;
    // No Organizations call from the workers: they split the parent's listing, whatever the Organization holds by then.
    const parts = [];
    for (let w = 1; w <= 2; w++) parts.push(await resolve({ shard: { index: w, count: 2 }, listed }));
    expect(org.calls.length).toBe(listingCalls);
    const ids = parts.flatMap((p) => [...p.targets.map((t) => t.target.accountId), ...p.errors.map((e) => e.accountId)]).sort();
    expect(ids).toEqual([MGMT, '222222222222', '444444444444', '555555555555', '666666666666']);
    expect(parts.flatMap((p) => p.targets).find((t) => t.target.accountId === '444444444444')?.ouPath).toBe('Root/Workloads/Lab');
    expect(parts[0].listing?.digest).toBe(parts[1].listing?.digest);
  });

  it('lists nothing for the workers of a profiles run: each reads the same files', async () => {
    expect(await listAccountsOnce({ profiles: ['a', 'b'] }, deps())).toBeUndefined();
    expect(org.calls).toEqual([]);
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
