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
import { AwsSession } from '../aws/session.js';
import { collectInventory } from './collect.js';
import type { TargetOptions } from '../aws/targets/index.js';

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
  const session = await AwsSession.open(request.targets, { maxInFlight: 16, maxAttempts: request.maxAttempts });
  try {
    return await collectInventory({
      targets: session.targets,
      types: costResourceTypes(request.settings),
      concurrency: 1,
      accountConcurrency: request.accountConcurrency ?? request.targets.accountConcurrency,
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
