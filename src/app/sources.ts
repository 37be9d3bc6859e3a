import { join } from 'node:path';
import { ClientFactory } from '../aws/client-factory.js';
import { CallStats } from '../aws/call-stats.js';
import { collectInventory } from '../aws/collect.js';
import { validateRegionNames } from '../aws/regions.js';
import { resolveTargets, type TargetOptions } from '../aws/targets/index.js';
import { readInventoryFile } from '../core/inventory-file.js';
import type { Inventory } from '../core/model.js';
import { packageRoot, packageVersion } from '../core/package-root.js';
import { allResourceTypes } from '../resources/registry.js';

/** Where an inventory comes from: live AWS, a saved snapshot, or the bundled demo account. */
export type InventorySource =
  | { kind: 'aws'; targets: TargetOptions; regions?: string[]; concurrency: number; accountConcurrency?: number; maxAttempts?: number }
  | { kind: 'snapshot'; file: string }
  | { kind: 'demo' };

export interface CollectRequest {
  source: InventorySource;
  /** Resource types to collect (default: all registered). */
  types?: string[];
  onProgress?: (done: number, total: number, label: string) => void;
  now?: Date;
}

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'demo', 'demo-account.json');
}

/** Get an inventory from its source. Live collection is bounded and counted; files are validated. */
export async function loadInventory(request: CollectRequest): Promise<Inventory> {
  const { source } = request;
  if (source.kind === 'snapshot') return readInventoryFile(source.file);
  if (source.kind === 'demo') return readInventoryFile(demoSnapshotPath());

  const regions = source.regions && source.regions.length > 0 ? validateRegionNames(source.regions) : undefined;
  const stats = new CallStats();
  const limiter = ClientFactory.newLimiter(Math.max(16, source.concurrency * 4));
  const resolution = await resolveTargets(source.targets, { stats, limiter, maxAttempts: source.maxAttempts });
  const wanted = request.types ? new Set(request.types) : undefined;
  const types = allResourceTypes().filter((t) => !wanted || wanted.has(t.type));
  try {
    return await collectInventory({
      targets: resolution.targets,
      regions,
      types,
      concurrency: source.concurrency,
      accountConcurrency: source.accountConcurrency ?? source.targets.accountConcurrency,
      stats,
      limiter,
      maxAttempts: source.maxAttempts,
      version: packageVersion(),
      now: request.now,
      priorErrors: resolution.errors,
      onUnitDone: request.onProgress,
    });
  } finally {
    resolution.dispose?.();
  }
}
