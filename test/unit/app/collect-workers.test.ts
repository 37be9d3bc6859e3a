// --workers: which accounts each worker takes, and the one inventory made from the workers' parts.
import { describe, expect, it } from 'vitest';
import { fittedWorkers, mergeWorkerInventories, perWorker, thisMachine, workerShard } from '../../../src/app/collect-workers.js';
import { applyShard } from '../../../src/core/shard.js';
import { workersFromFlag } from '../../../src/cli/flags.js';
import type { Inventory, Resource } from '../../../src/core/model.js';

const ids = Array.from({ length: 23 }, (_, i) => String(100000000000 + i * 7));

describe('workerShard', () => {
  it.each([
    [undefined, 3],
    [{ index: 2, count: 4 }, 2],
    [{ index: 1, count: 3 }, 5],
  ])('the workers of shard %o (%i workers) take each account of that shard exactly once', (shard, workers) => {
    const mine = applyShard(ids, shard, (id) => id);
    const taken = Array.from({ length: workers }, (_, w) => applyShard(ids, workerShard(shard, w + 1, workers), (id) => id)).flat();
    expect([...taken].sort()).toEqual([...mine].sort());
    expect(new Set(taken).size).toBe(taken.length);
  });
});

const resource = (accountId: string, region: string, id: string): Resource => ({ type: 'ec2:volume', id, accountId, region, tags: {}, props: {} });
const part = (accountId: string, first: number, at: string): Inventory => ({
  tool: 'costguard',
  kind: 'inventory',
  schemaVersion: 1,
  version: '1.0.0',
  generatedAt: at,
  targets: [{ accountId, source: 'org', regions: ['us-east-1'] }],
  collectedTypes: ['ec2:volume'],
  resources: [resource(accountId, 'us-east-1', `vol-${accountId}-b`), resource(accountId, 'us-east-1', `vol-${accountId}-a`)],
  errors: [{ accountId, region: 'us-east-1', operation: 'ec2:DescribeVolumes', code: 'Throttling', message: 'slow down', resourceTypes: ['ec2:volume'] }],
  stats: { apiCalls: 10, retries: 1, throttles: 1, durationMs: 900 + first, firstApiCallMs: first, byOperation: [{ service: 'ec2', operation: 'DescribeVolumes', calls: 10, retries: 1, throttles: 1, errors: 1 }] },
});

describe('perWorker', () => {
  it('shares the run-wide --account-concurrency among the workers, at least one account each', () => {
    expect(perWorker(16, 2)).toBe(8);
    expect(perWorker(16, 3)).toBe(6);
    expect(perWorker(1, 4)).toBe(1);
  });
});

describe('mergeWorkerInventories', () => {
  it('unites targets, resources (in collection order), errors and call counts; the first call is the earliest worker start plus its first call', () => {
    const merged = mergeWorkerInventories([part('222222222222', 300, '2026-12-01T10:00:01.000Z'), part('111111111111', 250, '2026-12-01T10:00:00.000Z')], [40, 100]);
    expect(merged.targets.map((t) => t.accountId)).toEqual(['111111111111', '222222222222']);
    expect(merged.resources.map((r) => r.id)).toEqual(['vol-111111111111-a', 'vol-111111111111-b', 'vol-222222222222-a', 'vol-222222222222-b']);
    expect(merged.errors).toHaveLength(2);
    expect(merged.stats).toMatchObject({ apiCalls: 20, retries: 2, throttles: 2, durationMs: 1200, firstApiCallMs: 340 });
    expect(merged.stats?.byOperation).toEqual([{ service: 'ec2', operation: 'DescribeVolumes', calls: 20, retries: 2, throttles: 2, errors: 2 }]);
    expect(merged.generatedAt).toBe('2026-12-01T10:00:00.000Z');
  });
});

describe('mergeWorkerInventories: the accounts the workers split', () => {
  const listing = (index: number, accounts: number, digest: string) => ({ index, count: 4, accounts, digest });

  it("records the user's --shard with the listing the workers split, and adds the parent's listing calls", () => {
    const a = { ...part('111111111111', 300, '2026-12-01T10:00:00.000Z'), shard: listing(1, 9, 'aaaaaaaaaaaaaaaa') };
    const b = { ...part('222222222222', 250, '2026-12-01T10:00:00.000Z'), shard: listing(3, 9, 'aaaaaaaaaaaaaaaa') };
    const listingStats = { apiCalls: 3, retries: 0, throttles: 0, durationMs: 200, firstApiCallMs: 90, byOperation: [{ service: 'organizations', operation: 'ListRoots', calls: 3, retries: 0, throttles: 0, errors: 0 }] };
    const merged = mergeWorkerInventories([a, b], [100, 120], { shard: { index: 1, count: 2 }, listingStats });
    expect(merged.shard).toEqual({ index: 1, count: 2, accounts: 9, digest: 'aaaaaaaaaaaaaaaa' });
    expect(merged.errors.map((e) => e.code)).toEqual(['Throttling', 'Throttling']);
    expect(merged.stats).toMatchObject({ apiCalls: 23, firstApiCallMs: 90 });
  });

  it('says so when the workers split different accounts, instead of leaving one out unseen', () => {
    const a = { ...part('111111111111', 300, '2026-12-01T10:00:00.000Z'), shard: listing(1, 9, 'aaaaaaaaaaaaaaaa') };
    const b = { ...part('222222222222', 250, '2026-12-01T10:00:00.000Z'), shard: listing(2, 10, 'bbbbbbbbbbbbbbbb') };
    const merged = mergeWorkerInventories([a, b], [100, 120]);
    expect(merged.errors.find((e) => e.code === 'ShardListingsDiffer')).toMatchObject({
      accountId: 'unknown',
      operation: 'costguard:workers',
      message: "the --workers processes split different accounts (9, 10): an account may be in no worker's part. Run again",
    });
    expect(merged.shard).toBeUndefined();
  });
});

describe('fittedWorkers: the processes a run uses without --workers', () => {
  const GiB = 1024 ** 3;
  const twoCores = { cores: 2, memoryBytes: 24 * GiB };
  it('stays in one process below 500 accounts, then one worker per 250 accounts', () => {
    expect(fittedWorkers(0, twoCores)).toBe(1);
    expect(fittedWorkers(499, twoCores)).toBe(1);
    expect(fittedWorkers(500, twoCores)).toBe(2);
    expect(fittedWorkers(1000, { cores: 16, memoryBytes: 64 * GiB })).toBe(4);
  });

  it('never more than the cores, the memory (1 GiB each) or 8', () => {
    expect(fittedWorkers(1000, twoCores)).toBe(2);
    expect(fittedWorkers(10_000, { cores: 16, memoryBytes: 3.5 * GiB })).toBe(3);
    expect(fittedWorkers(10_000, { cores: 64, memoryBytes: 256 * GiB })).toBe(8);
    expect(fittedWorkers(10_000, { cores: 1, memoryBytes: 24 * GiB })).toBe(1);
  });

  it('reads this machine', () => {
    const machine = thisMachine();
    expect(machine.cores).toBeGreaterThanOrEqual(1);
    expect(machine.memoryBytes).toBeGreaterThan(0);
  });
});

describe('workersFromFlag', () => {
  it('reads a count or auto, and needs a run over several accounts for more than one', () => {
    expect(workersFromFlag(undefined, {})).toBe(1);
    // Without --workers, an Organization or SSO run fits the count to the accounts it lists.
    expect(workersFromFlag(undefined, { org: true })).toBe('fit');
    expect(workersFromFlag(undefined, { ssoSession: 'lab' })).toBe('fit');
    expect(workersFromFlag(undefined, { allProfiles: true })).toBe(1);
    expect(workersFromFlag('1', {})).toBe(1);
    expect(workersFromFlag('3', { org: true })).toBe(3);
    expect(workersFromFlag('2', { profiles: ['a', 'b'] })).toBe(2);
    expect(workersFromFlag('auto', { ssoSession: 'lab' })).toBeGreaterThanOrEqual(1);
    expect(() => workersFromFlag('2', { profiles: ['a'] })).toThrow(/this run has one account/);
    expect(() => workersFromFlag('0', { org: true })).toThrow(/from 1 to 64, or auto/);
    expect(() => workersFromFlag('2x', { org: true })).toThrow(/from 1 to 64, or auto/);
  });
});
