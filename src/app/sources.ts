import { join } from 'node:path';
import { applyShard, shardListing } from '../core/shard.js';
import { UsageError } from '../core/errors.js';
import { readInventoryFile } from '../core/inventory-file.js';
import { GLOBAL_REGION, type Inventory } from '../core/model.js';
import { packageRoot } from '../core/package-root.js';
import { didYouMean } from '../core/policy/did-you-mean.js';
import type { CollectRequest, InventorySource, SavedInventoryFilter } from './inventory-source.js';

export type { CollectRequest, InventorySource, SavedInventoryFilter } from './inventory-source.js';

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'demo', 'demo-account.json');
}

/** Get an inventory from its source. Live collection is bounded and counted; files are validated. */
export async function loadInventory(request: CollectRequest): Promise<Inventory> {
  const { source } = request;
  if (source.kind !== 'aws') return loadSavedInventory(source);
  const { collectLive } = await import('./collect-live.js');
  return collectLive(source, request);
}

/** A saved inventory (--snapshot, --demo) narrowed by --region/--shard. */
export function loadSavedInventory(source: Exclude<InventorySource, { kind: 'aws' }>): Inventory {
  const saved = readInventoryFile(source.kind === 'demo' ? demoSnapshotPath() : source.file);
  return filterSavedInventory(saved, source, source.kind === 'demo' ? 'the demo' : `the snapshot ${source.file}`);
}

/**
 * A saved inventory narrowed as a live run would have collected it: --region keeps the resources,
 * errors and target regions of those regions (account-wide "global" data and the machine's "local"
 * data stay); --shard I/N keeps the accounts of that slice (by account id, as live runs slice them;
 * the machine's "local" data goes to shard 1). A region the inventory does not
 * hold is a UsageError (exit 2) with a did-you-mean over its regions.
 */
export function filterSavedInventory(inventory: Inventory, filter: SavedInventoryFilter, what = 'the inventory'): Inventory {
  let result = inventory;
  if (filter.regions && filter.regions.length > 0) {
    const held = [...new Set(inventory.targets.flatMap((t) => t.regions).filter((r) => r !== GLOBAL_REGION))].sort();
    const unknown = filter.regions.filter((r) => !held.includes(r));
    if (unknown.length > 0) {
      const parts = unknown.map((r) => {
        const guess = didYouMean(r, held);
        return `--region ${r}: ${what} holds no region of that name${guess ? ` (did you mean ${guess}?)` : ''}`;
      });
      throw new UsageError(parts.join('; '), `Regions in ${what}: ${held.join(', ') || '(none)'}`);
    }
    const keep = new Set([...filter.regions, GLOBAL_REGION, 'local']);
    result = {
      ...result,
      targets: result.targets.map((t) => ({ ...t, regions: t.regions.filter((r) => keep.has(r)) })),
      resources: result.resources.filter((r) => keep.has(r.region)),
      errors: result.errors.filter((e) => keep.has(e.region)),
    };
  }
  if (filter.shard) {
    const all = result.targets.map((t) => t.accountId).filter((id) => id !== 'local');
    const accounts = new Set(applyShard(all, filter.shard, (id) => id));
    // The machine's own data (account "local") is no account: the first shard reports it, once.
    if (filter.shard.index === 1) accounts.add('local');
    result = {
      ...result,
      targets: result.targets.filter((t) => accounts.has(t.accountId)),
      resources: result.resources.filter((r) => accounts.has(r.accountId)),
      errors: result.errors.filter((e) => accounts.has(e.accountId)),
      shard: shardListing(filter.shard, all),
    };
  }
  return result;
}
