import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityKey, memoizeProvider } from '../../../src/aws/targets/identify.js';
import { accountFilter, parseShard, validateTargetOptions } from '../../../src/aws/targets/options.js';
import { applyShard, shardListing } from '../../../src/core/shard.js';
import { targetOptionsFromFlags } from '../../../src/cli/target-flags.js';
import { UsageError } from '../../../src/core/errors.js';

describe('--shard', () => {
  it('parses I/N and rejects anything else as a usage error', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/3']) expect(() => parseShard(bad)).toThrow(UsageError);
  });

  it('N shards are disjoint, cover every account, and do not depend on the listing order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (ids, n) => {
        const parts = Array.from({ length: n }, (_, i) => applyShard(ids, { index: i + 1, count: n }, (x) => x));
        const reversed = Array.from({ length: n }, (_, i) => applyShard([...ids].reverse(), { index: i + 1, count: n }, (x) => x));
        expect(parts.flat().sort()).toEqual([...ids].sort());
        expect(reversed.map((p) => [...p].sort())).toEqual(parts.map((p) => [...p].sort()));
      }),
    );
  });

  it("an account's shard depends on its id alone: accounts added or closed between two listings move no other account", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { maxLength: 5 }),
        fc.integer({ min: 2, max: 7 }),
        (ids, changed, n) => {
          const before = ids.filter((id) => !changed.includes(id));
          const after = [...before, ...changed];
          for (let i = 1; i <= n; i++) {
            const kept = applyShard(after, { index: i, count: n }, (x) => x).filter((id) => before.includes(id));
            expect(kept).toEqual(applyShard(before, { index: i, count: n }, (x) => x));
          }
        },
      ),
    );
  });

  it('spreads an Organization evenly: 1,000 accounts over 4 shards, each within 15% of a quarter', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(100_000_000_000 + i * 7919));
    const sizes = [1, 2, 3, 4].map((index) => applyShard(ids, { index, count: 4 }, (x) => x).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const size of sizes) expect(Math.abs(size - 250)).toBeLessThanOrEqual(37);
  });

  it('records the same listing in every shard of a run, and another one when the accounts differ', () => {
    const ids = ['111111111111', '222222222222', '333333333333'];
    const one = shardListing({ index: 1, count: 2 }, ids);
    const two = shardListing({ index: 2, count: 2 }, [...ids].reverse());
    expect(one).toMatchObject({ index: 1, count: 2, accounts: 3 });
    expect(two.digest).toBe(one.digest);
    expect(one.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(shardListing({ index: 2, count: 2 }, ids.slice(1)).digest).not.toBe(one.digest);
  });
});

describe('target options', () => {
  it('fills the defaults', () => {
    expect(validateTargetOptions({ org: true })).toMatchObject({ orgRole: 'OrganizationAccountAccessRole', accountConcurrency: 16 });
  });

  it.each([
    [{ allProfiles: true, profiles: ['a'] }, '--all-profiles cannot be combined with --profile'],
    [{ ssoSession: 'lab', org: true }, '--sso-session cannot be combined with --org'],
    [{ org: true, profiles: ['a', 'b'] }, '--org takes at most one --profile'],
    [{ ssoRoles: ['Admin'] }, '--sso-role needs --sso-session'],
    [{ ous: ['ou-ab12-aaaaaaaa'] }, '--ou needs --org'],
    [{ org: true, ous: ['Workloads'] }, '--ou "Workloads" is not an OU id'],
    [{ accounts: ['1234'] }, '--account "1234": an AWS account id is 12 digits'],
    [{ excludeAccounts: ['abc'] }, '--exclude-account "abc"'],
    [{ orgRole: 'Audit' }, '--org-role needs --org'],
  ])('rejects %j', (options, message) => {
    expect(() => validateTargetOptions(options)).toThrow(UsageError);
    expect(() => validateTargetOptions(options)).toThrow(message);
  });

  it('filters by --account and --exclude-account', () => {
    const keep = accountFilter({ accounts: ['111111111111', '222222222222'], excludeAccounts: ['222222222222'] });
    expect(['111111111111', '222222222222', '333333333333'].filter(keep)).toEqual(['111111111111']);
    expect(accountFilter({})('333333333333')).toBe(true);
  });
});

describe('targetOptionsFromFlags', () => {
  it('maps parsed flags to options; empty repeatables are absent', () => {
    const options = targetOptionsFromFlags({
      profile: [],
      org: true,
      'org-role': 'OrganizationAccountAccessRole',
      ou: ['ou-ab12-aaaaaaaa'],
      'exclude-account': ['111111111111'],
      shard: '1/2',
      'account-concurrency': 8,
      'all-profiles': false,
    });
    expect(options).toEqual({
      org: true,
      orgRole: 'OrganizationAccountAccessRole',
      ous: ['ou-ab12-aaaaaaaa'],
      excludeAccounts: ['111111111111'],
      shard: { index: 1, count: 2 },
      accountConcurrency: 8,
      profiles: undefined,
      allProfiles: undefined,
      ssoSession: undefined,
      ssoRoles: undefined,
      accounts: undefined,
    });
  });

  it('the org-role default alone does not require --org', () => {
    expect(() => targetOptionsFromFlags({ 'org-role': 'OrganizationAccountAccessRole' })).not.toThrow();
  });
});

describe('memoizeProvider', () => {
  it('shares one fetch between concurrent callers and fetches again only near expiry', async () => {
    let fetches = 0;
    const provider = memoizeProvider(async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 10));
      return { accessKeyId: `k${fetches}`, secretAccessKey: 's', expiration: new Date(Date.now() + (fetches === 1 ? 30_000 : 3_600_000)) };
    });
    const first = await Promise.all([provider(), provider(), provider()]);
    expect(fetches).toBe(1);
    expect(new Set(first.map((c) => c.accessKeyId))).toEqual(new Set(['k1']));
    // k1 expires within the refresh margin: the next call fetches anew, then k2 is kept.
    expect((await provider()).accessKeyId).toBe('k2');
    expect((await provider()).accessKeyId).toBe('k2');
    expect(fetches).toBe(2);
  });

  it('a failed fetch is not cached', async () => {
    let calls = 0;
    const provider = memoizeProvider(async () => {
      calls++;
      if (calls === 1) throw new Error('denied');
      return { accessKeyId: 'k', secretAccessKey: 's' };
    });
    await expect(provider()).rejects.toThrow('denied');
    expect((await provider()).accessKeyId).toBe('k');
  });
});

describe('identityKey', () => {
  it('ignores the session name of an assumed role, so two profiles of one role are one identity', () => {
    expect(identityKey('1', 'arn:aws:sts::1:assumed-role/Admin/aws-sdk-js-1')).toBe(identityKey('1', 'arn:aws:sts::1:assumed-role/Admin/aws-sdk-js-2'));
    expect(identityKey('1', 'arn:aws:sts::1:assumed-role/Admin/x')).not.toBe(identityKey('1', 'arn:aws:sts::1:assumed-role/ReadOnly/x'));
    expect(identityKey('1', 'arn:aws:iam::1:user/a')).toBe('1|arn:aws:iam::1:user/a');
  });
});
