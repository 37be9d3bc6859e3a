// `costguard cost`: resolve the accounts, then collect the cost resource types (with the command's
// settings) through the ordinary collection pipeline, so errors, stats and multi-account runs behave
// exactly as in audit.
import type { Inventory } from '../core/model.js';
import { packageVersion } from '../core/package-root.js';
import type { CostSettings } from '../cost/settings.js';
import { budgetsSummary } from '../resources/budgets-summary.js';
import { cloudwatchBillingAlarmSummary } from '../resources/cloudwatch-billing-alarm-summary.js';
import { createCostMonthType } from '../resources/cost-month.js';
import { createCostUsageType } from '../resources/cost-usage-type.js';
import { freetierPlan } from '../resources/freetier-plan.js';
import { freetierUsage } from '../resources/freetier-usage.js';
import type { ResourceType } from '../resources/resource-type.js';
import { CallStats } from '../aws/call-stats.js';
import { ClientFactory } from '../aws/client-factory.js';
import { collectInventory } from './collect.js';
import { resolveTargets, type TargetOptions } from '../aws/targets/index.js';

/** The resource types `costguard cost` reads, the paid ones built with the command's settings. */
export function costResourceTypes(settings: CostSettings): ResourceType[] {
  return [createCostMonthType(settings), createCostUsageType(settings), freetierPlan, freetierUsage, budgetsSummary, cloudwatchBillingAlarmSummary];
}

export interface CostRunRequest {
  targets: TargetOptions;
  settings: CostSettings;
  maxAttempts?: number;
  accountConcurrency?: number;
  now?: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

/** Collect the cost inventory of every target. Its `stats` count every call, the paid ones under "ce". */
export async function collectCostInventory(request: CostRunRequest): Promise<Inventory> {
  const stats = new CallStats();
  const limiter = ClientFactory.newLimiter(16);
  const resolution = await resolveTargets(request.targets, { stats, limiter, maxAttempts: request.maxAttempts });
  try {
    return await collectInventory({
      targets: resolution.targets,
      types: costResourceTypes(request.settings),
      concurrency: 1,
      accountConcurrency: request.accountConcurrency ?? request.targets.accountConcurrency,
      stats,
      limiter,
      maxAttempts: request.maxAttempts,
      version: packageVersion(),
      now: request.now,
      priorErrors: resolution.errors,
      onUnitDone: request.onProgress,
    });
  } finally {
    resolution.dispose?.();
  }
}
