import { collectInventory } from './collect.js';
import { validateRegionNames } from '../aws/regions.js';
import { AwsSession } from '../aws/session.js';
import type { Inventory } from '../core/model.js';
import { packageVersion } from '../core/package-root.js';
import { allResourceTypes } from '../resources/registry.js';
import type { CollectRequest, InventorySource } from './inventory-source.js';

/**
 * Live collection from AWS. Kept in its own module and imported on demand, so offline runs
 * (--demo, --snapshot) never load the SDK clients.
 */
export async function collectLive(source: Extract<InventorySource, { kind: 'aws' }>, request: CollectRequest): Promise<Inventory> {
  const regions = source.regions && source.regions.length > 0 ? validateRegionNames(source.regions) : undefined;
  // Calls in flight for the whole run: enough for every account collected at once to keep a few
  // services busy (each service of an account is bounded on its own, see PER_SERVICE_IN_FLIGHT).
  const accountConcurrency = source.accountConcurrency ?? source.targets.accountConcurrency ?? 4;
  const session = await AwsSession.open(source.targets, { maxInFlight: Math.max(16, source.concurrency * 4, accountConcurrency * 8), maxAttempts: source.maxAttempts });
  const wanted = request.types ? new Set(request.types) : undefined;
  const types = allResourceTypes().filter((t) => !wanted || wanted.has(t.type));
  try {
    return await collectInventory({
      targets: session.targets,
      regions,
      types,
      concurrency: source.concurrency,
      accountConcurrency: source.accountConcurrency ?? source.targets.accountConcurrency,
      ...session.clientOptions,
      version: packageVersion(),
      now: request.now,
      priorErrors: session.errors,
      onUnitDone: request.onProgress,
    });
  } finally {
    session.dispose();
  }
}
