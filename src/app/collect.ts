import pLimit from 'p-limit';
import type { CollectionError, Inventory, Resource, Target } from '../core/model.js';
import { GLOBAL_REGION } from '../core/model.js';
import type { ResourceType, CollectContext } from '../resources/resource-type.js';
import { describeAwsError } from '../aws/aws-errors.js';
import type { CallStats } from '../aws/call-stats.js';
import { ClientPool } from '../aws/client-factory.js';
import { AccountClients } from '../aws/session.js';
import { enabledRegions } from '../aws/regions.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from '../aws/targets/options.js';
import type { ResolvedTarget } from '../aws/targets/types.js';
import type { LimitFunction } from 'p-limit';
import { compareResources } from '../core/report-order.js';

export interface CollectProgress {
  /** Called once a (account, region) unit is done. */
  onUnitDone?: (done: number, total: number, label: string) => void;
}

export interface CollectOptions extends CollectProgress {
  targets: ResolvedTarget[];
  /** Explicit regions (--region); otherwise every enabled region of each account. */
  regions?: string[];
  types: readonly ResourceType[];
  /** Regions collected at once per account (--concurrency). */
  concurrency: number;
  /** Accounts collected at once (--account-concurrency). */
  accountConcurrency?: number;
  stats: CallStats;
  /** Bounds API calls in flight for the whole run. */
  limiter: LimitFunction;
  maxAttempts?: number;
  version: string;
  now?: Date;
  /** Errors found before collection (e.g. accounts that could not be reached). */
  priorErrors?: CollectionError[];
  /**
   * Share SDK clients between the accounts of the run (ClientPool): less CPU and memory at
   * Organization scale. Nuke turns it off: what it plans from must come from clients of each
   * account's own, so no mistake in sharing could ever show one account's resources as another's.
   */
  shareClients?: boolean;
}

interface AccountResult {
  target: Target;
  resources: Resource[];
  errors: CollectionError[];
}

function failure(accountId: string, region: string, types: string[], error: unknown, fallbackOperation: string): CollectionError {
  const { code, message, operation } = describeAwsError(error);
  return { accountId, region, operation: operation ?? fallbackOperation, code, message, resourceTypes: types };
}

async function listOne(type: ResourceType, ctx: CollectContext): Promise<{ resources: Resource[]; error?: CollectionError }> {
  try {
    return { resources: await type.list(ctx) };
  } catch (error) {
    return { resources: [], error: failure(ctx.accountId, ctx.resourceRegion, [type.type], error, `${type.type.split(':')[0]}:list`) };
  }
}

/** The context of one (account, region) collection, sharing the listings several types read (CollectContext.shared). */
function sharingListings(ctx: CollectContext): CollectContext {
  const answers = new Map<string, Promise<unknown>>();
  return {
    ...ctx,
    shared<T>(key: string, fetch: () => Promise<T>): Promise<T> {
      let answer = answers.get(key) as Promise<T> | undefined;
      if (!answer) {
        answer = fetch();
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

async function collectAccount(resolved: ResolvedTarget, options: CollectOptions, pool: ClientPool | undefined, progress: () => void): Promise<AccountResult> {
  const now = options.now ?? new Date();
  const { accountId } = resolved.target;
  const clients = new AccountClients(resolved, { stats: options.stats, limiter: options.limiter, maxAttempts: options.maxAttempts, pool });
  const { factory, home } = clients;
  const regional = options.types.filter((t) => t.scope === 'region');
  const global = options.types.filter((t) => t.scope === 'global');
  const errors: CollectionError[] = [];
  const resources: Resource[] = [];

  try {
    let regions = options.regions;
    if (!regions || regions.length === 0) {
      if (regional.length === 0) {
        regions = [];
      } else {
        try {
          regions = await enabledRegions(factory, home);
        } catch (error) {
          errors.push(failure(accountId, GLOBAL_REGION, regional.map((t) => t.type), error, 'ec2:DescribeRegions'));
          regions = [];
        }
      }
    }
    const apiGlobal = clients.apiRegion(GLOBAL_REGION, regions[0] ?? home);
    const target: Target = { ...resolved.target, ...(resolved.ouPath ? { ouPath: resolved.ouPath } : {}), regions };

    const limitRegions = pLimit(Math.max(1, options.concurrency));
    const units: Array<Promise<void>> = [];
    if (global.length > 0) {
      units.push(
        (async () => {
          const ctx = sharingListings(clients.context(apiGlobal, GLOBAL_REGION, now));
          const results = await Promise.all(global.map((t) => listOne(t, ctx)));
          for (const r of results) {
            resources.push(...r.resources);
            if (r.error) errors.push(r.error);
          }
          progress();
        })(),
      );
    }
    for (const region of regions) {
      units.push(
        limitRegions(async () => {
          const ctx = sharingListings(clients.context(region, region, now));
          const results = await Promise.all(regional.map((t) => listOne(t, ctx)));
          for (const r of results) {
            resources.push(...r.resources);
            if (r.error) errors.push(r.error);
          }
          progress();
        }),
      );
    }
    await Promise.all(units);
    return { target, resources, errors };
  } finally {
    clients.destroy();
  }
}

/**
 * Collect every requested resource type for every target: accounts concurrently (bounded), regions
 * of an account concurrently (bounded), global types once per account. Failures become `errors`.
 */
export async function collectInventory(options: CollectOptions): Promise<Inventory> {
  const limitAccounts = pLimit(Math.max(1, options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY));
  let done = 0;
  const estimatedUnits = options.targets.length * ((options.regions?.length ?? 17) + 1);
  const progress = (label: string) => () => options.onUnitDone?.(++done, Math.max(done, estimatedUnits), label);
  // Several accounts: one SDK client per (service, region) for the whole run, shared by the accounts
  // (see ClientPool). One account builds each client once anyway, and skips the pool's AsyncLocalStorage.
  const pool = options.targets.length > 1 && options.shareClients !== false ? new ClientPool({ stats: options.stats, limiter: options.limiter, maxAttempts: options.maxAttempts }) : undefined;
  let results: AccountResult[];
  try {
    results = await Promise.all(options.targets.map((t) => limitAccounts(() => collectAccount(t, options, pool, progress(t.target.accountId)))));
  } finally {
    pool?.destroy();
  }
  const stats = options.stats.summary();
  return {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: options.version,
    generatedAt: (options.now ?? new Date()).toISOString(),
    targets: results.map((r) => r.target),
    collectedTypes: options.types.map((t) => t.type).sort(),
    resources: results.flatMap((r) => r.resources).sort(compareResources),
    errors: [...(options.priorErrors ?? []), ...results.flatMap((r) => r.errors)],
    stats,
  };
}
