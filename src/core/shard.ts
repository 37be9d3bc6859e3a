// --shard I/N: which slice of a run's accounts a shard (or a --workers process) takes, and what a
// shard records so `report merge` can tell whether the shards together covered the run.
//
// A key's shard is a function of the key alone (a hash), not of its position in a sorted listing:
// shards list the accounts on their own, at different times, and an account added to or closed in
// the Organization between two listings must not move every account after it into another shard
// (which would leave some accounts in no shard and others in two).
import { createRequire } from 'node:module';
import { UsageError } from './errors.js';
import { GLOBAL_REGION, type CollectionError, type Shard, type ShardListing } from './model.js';

export type { Shard, ShardListing } from './model.js';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;
// Loaded on first use: a run without --shard never needs it.
const sha256 = (text: string): Buffer => (crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto).createHash('sha256').update(text).digest();

/** The 1-based shard of `count` that owns `key`. */
export function shardOfKey(key: string, count: number): number {
  return (sha256(key).readUInt32BE(0) % count) + 1;
}

/**
 * The items of shard I/N: those whose key hashes to I. The N shards are disjoint and cover every
 * item, whatever else each shard listed. Order is kept; without a shard, everything.
 */
export function applyShard<T>(items: T[], shard: Shard | undefined, keyOf: (item: T) => string): T[] {
  if (!shard) return items;
  return items.filter((item) => shardOfKey(keyOf(item), shard.count) === shard.index);
}

/** What shard I/N records of the keys it split (all shards' keys, before --shard). */
export function shardListing(shard: Shard, keys: Iterable<string>): ShardListing {
  const sorted = [...new Set(keys)].sort();
  return { index: shard.index, count: shard.count, accounts: sorted.length, digest: sha256(sorted.join('\n')).toString('hex').slice(0, 16) };
}

/** The operation named by the errors `report merge` adds for shards that are missing or listed other accounts. */
export const SHARD_MERGE_OPERATION = 'costguard:report-merge';

function isListing(value: unknown): value is ShardListing {
  const s = value as Partial<ShardListing> | null;
  return (
    typeof s === 'object' && s !== null &&
    Number.isInteger(s.count) && Number.isInteger(s.index) && (s.count as number) >= 1 && (s.index as number) >= 1 && (s.index as number) <= (s.count as number) &&
    Number.isInteger(s.accounts) && typeof s.digest === 'string'
  );
}

function problem(code: string, message: string): CollectionError {
  return { accountId: 'unknown', region: GLOBAL_REGION, operation: SHARD_MERGE_OPERATION, code, message, resourceTypes: [] };
}

/**
 * What the sharded reports of one merge lack, as errors of the merged report (so it is incomplete:
 * exit 3 unless --allow-partial): a shard of the split that is not there, and shards that listed
 * different accounts (an account added or closed between their runs can be in no shard). Reports
 * without a shard are whole runs and are not checked. Shards of different splits (2/4 and 1/3)
 * cannot be one run: a UsageError.
 */
export function shardMergeProblems(reports: Array<{ shard?: unknown; source: string }>): CollectionError[] {
  const sharded: Array<{ shard: ShardListing; source: string }> = [];
  for (const { shard, source } of reports) {
    if (shard === undefined) continue;
    if (!isListing(shard)) throw new UsageError(`${source}: "shard" is not { index, count, accounts, digest } with 1 <= index <= count`, 'Merge the JSON reports costguard wrote.');
    sharded.push({ shard, source });
  }
  if (sharded.length === 0) return [];
  const first = sharded[0];
  const other = sharded.find((s) => s.shard.count !== first.shard.count);
  if (other) {
    throw new UsageError(
      `${first.source} is shard ${first.shard.index}/${first.shard.count} and ${other.source} is shard ${other.shard.index}/${other.shard.count}: they are not shards of one split`,
      'Merge the shards of each split on their own; merged reports carry no shard and merge with each other.',
    );
  }
  const count = first.shard.count;
  const problems: CollectionError[] = [];
  const present = new Set(sharded.map((s) => s.shard.index));
  for (let index = 1; index <= count; index++) {
    if (!present.has(index)) problems.push(problem('ShardMissing', `shard ${index}/${count} is not among the merged reports: the accounts it holds are not in this report`));
  }
  const byDigest = new Map<string, { accounts: number; shards: Set<number> }>();
  for (const { shard } of sharded) {
    const group = byDigest.get(shard.digest) ?? { accounts: shard.accounts, shards: new Set<number>() };
    group.shards.add(shard.index);
    byDigest.set(shard.digest, group);
  }
  if (byDigest.size > 1) {
    const seen = [...byDigest.values()].map((g) => {
      const shards = [...g.shards].sort((a, b) => a - b).map((i) => `${i}/${count}`);
      return `shard${shards.length === 1 ? '' : 's'} ${shards.join(', ')}: ${g.accounts} account${g.accounts === 1 ? '' : 's'}`;
    });
    problems.push(
      problem(
        'ShardListingsDiffer',
        `the shards listed different accounts (${seen.join('; ')}): an account added or closed between their runs may be in no shard. Re-run the shards whose listing is out of date`,
      ),
    );
  }
  return problems;
}
