import { ClientFactory } from '../aws/client-factory.js';
import { CallStats } from '../aws/call-stats.js';
import { collectInventory } from '../aws/collect.js';
import { validateRegionNames } from '../aws/regions.js';
import { resolveTargets } from '../aws/targets/index.js';
import type { Inventory } from '../core/model.js';
import { packageVersion } from '../core/package-root.js';
import { allResourceTypes } from '../resources/registry.js';
import type { CollectRequest, InventorySource } from './sources.js';

/**
 * Live collection from AWS. Kept in its own module and imported on demand, so offline runs
 * (--demo, --snapshot) never load the SDK clients.
 */
export async function collectLive(source: Extract<InventorySource, { kind: 'aws' }>, request: CollectRequest): Promise<Inventory> {
  const regions = source.regions && source.regions.length > 0 ? validateRegionNames(source.regions) : undefined;
  const stats = new CallStats();
  // Calls in flight for the whole run: enough for every account collected at once to keep a few
  // services busy (each service of an account is bounded on its own, see PER_SERVICE_IN_FLIGHT).
  const accountConcurrency = source.accountConcurrency ?? source.targets.accountConcurrency ?? 4;
  const limiter = ClientFactory.newLimiter(Math.max(16, source.concurrency * 4, accountConcurrency * 8));
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
