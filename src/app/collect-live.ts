import { validateRegionNames } from '../aws/regions.js';
import { CallStats } from '../aws/call-stats.js';
import { accountsToCollect, listAccountsOnce } from '../aws/targets/resolve.js';
import { AwsSession } from '../aws/session.js';
import type { Inventory } from '../core/model.js';
import { packageVersion } from '../core/package-root.js';
import type { CollectRequest, InventorySource } from './inventory-source.js';

/**
 * Live collection from AWS. Kept in its own module and imported on demand, so offline runs
 * (--demo, --snapshot) never load the SDK clients.
 *
 * The run's first API calls (credentials, STS GetCallerIdentity: resolving the targets) start before
 * the collection code is loaded: the resource types and their SDK clients load while they are in flight.
 * `stats`: the run's call counter, when calls were made before (the accounts listed for 'fit').
 */
export async function collectLive(source: Extract<InventorySource, { kind: 'aws' }>, request: CollectRequest, stats?: CallStats): Promise<Inventory> {
  if (source.workers === 'fit') return collectFitted(source, request);
  if ((source.workers ?? 1) > 1) return (await import('./collect-workers.js')).collectWithWorkers(source, request, source.workers as number);
  const regions = source.regions && source.regions.length > 0 ? validateRegionNames(source.regions) : undefined;
  // Calls in flight for the whole run: enough for every account collected at once to keep a few
  // services busy (each service of an account is bounded on its own, see PER_SERVICE_IN_FLIGHT).
  const accountConcurrency = source.accountConcurrency ?? source.targets.accountConcurrency ?? 4;
  const opening = AwsSession.open(source.targets, { maxInFlight: Math.max(16, source.concurrency * 4, accountConcurrency * 8), maxAttempts: source.maxAttempts, ...(stats ? { stats } : {}) });
  // Only the types this run collects are imported, and with them only their SDK clients.
  const loading = Promise.all([import('./collect.js'), import('../resources/registry-loaders.js').then(({ loadResourceTypes }) => loadResourceTypes(request.types))]);
  // Whichever fails first decides; the other must not be left to reject unhandled.
  const [opened, loaded] = await Promise.allSettled([opening, loading]);
  if (opened.status === 'rejected') throw opened.reason;
  const session = opened.value;
  try {
    if (loaded.status === 'rejected') throw loaded.reason;
    const [{ collectInventory }, types] = loaded.value;
    const inventory = await collectInventory({
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
    return session.listing ? { ...inventory, shard: session.listing } : inventory;
  } finally {
    session.dispose();
  }
}

/**
 * Without --workers, over an Organization or SSO session: list the accounts once, then collect them
 * with fittedWorkers() processes, or in this one (handing it the listing, so nothing is listed twice).
 */
async function collectFitted(source: Extract<InventorySource, { kind: 'aws' }>, request: CollectRequest): Promise<Inventory> {
  const { collectWithWorkers, fittedWorkers, listingDeps, thisMachine } = await import('./collect-workers.js');
  const stats = new CallStats();
  const listed = await listAccountsOnce(source.targets, listingDeps(source, stats));
  const workers = listed ? fittedWorkers(await accountsToCollect(listed, source.targets), thisMachine()) : 1;
  if (workers > 1) return collectWithWorkers(source, request, workers, { listed, stats });
  return collectLive({ ...source, workers: 1, targets: { ...source.targets, ...(listed ? { listed } : {}) } }, request, stats);
}
