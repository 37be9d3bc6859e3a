import { BudgetsClient, DescribeBudgetsCommand, type Budget } from '@aws-sdk/client-budgets';
import type { Resource } from '../core/model.js';
import { memoize } from '../core/memo.js';
import type { CollectContext, ResourceType } from './resource-type.js';

/** DescribeBudgets returns at most 1000 budgets a page (default 100). */
const PAGE_SIZE = 1000;

/** Every budget of the account; budgets:budget and budgets:summary of one account share the calls. */
export function describeAllBudgets(ctx: CollectContext): Promise<Budget[]> {
  const client = ctx.client(BudgetsClient);
  return memoize(client, `budgets:${ctx.accountId}`, async () => {
    const out: Budget[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeBudgetsCommand({ AccountId: ctx.accountId, MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) }));
      out.push(...(page.Budgets ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return out;
  });
}

function money(spend: { Amount?: string } | undefined): number | undefined {
  if (spend?.Amount === undefined) return undefined;
  const n = Number(spend.Amount);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : undefined;
}

export const budgetsBudget: ResourceType = {
  type: 'budgets:budget',
  description: 'AWS Budgets (free for ordinary budgets): the limit and the spend against it',
  scope: 'global',
  createdAt: false,
  permissions: { list: ['budgets:ViewBudget'] },
  properties: {
    budgetType: { type: 'string', description: 'COST, USAGE, RI_UTILIZATION, ...' },
    timeUnit: { type: 'string', description: 'MONTHLY, QUARTERLY, ANNUALLY, DAILY' },
    limitAmount: { type: 'number', description: 'the budgeted amount' },
    limitUnit: { type: 'string', description: 'unit of the limit (USD for cost budgets)' },
    actualSpend: { type: 'number', description: 'spend so far in the period' },
    forecastedSpend: { type: 'number', description: 'forecast spend for the period' },
    percentUsed: { type: 'number', description: 'actualSpend as a percentage of the limit' },
  },
  async list(ctx) {
    const budgets = await describeAllBudgets(ctx);
    return budgets
      .filter((b) => b.BudgetName)
      .map((b): Resource => {
        const limit = money(b.BudgetLimit);
        const actual = money(b.CalculatedSpend?.ActualSpend);
        return {
          type: 'budgets:budget',
          id: b.BudgetName as string,
          arn: `arn:aws:budgets::${ctx.accountId}:budget/${b.BudgetName}`,
          name: b.BudgetName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: {
            budgetType: b.BudgetType,
            timeUnit: b.TimeUnit,
            limitAmount: limit,
            limitUnit: b.BudgetLimit?.Unit,
            actualSpend: actual,
            forecastedSpend: money(b.CalculatedSpend?.ForecastedSpend),
            ...(limit && actual !== undefined ? { percentUsed: Math.round((actual / limit) * 1000) / 10 } : {}),
          },
        };
      });
  },
};
