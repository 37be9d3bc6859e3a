import type { Resource } from '../core/model.js';
import { describeAllBudgets } from './budgets-budget.js';
import type { ResourceType } from './resource-type.js';

/**
 * budgets:summary — one resource per account saying how many budgets it has, so "no budget" can be a
 * rule (a rule needs a resource to fire on; absence has none).
 */
export const budgetsSummary: ResourceType = {
  type: 'budgets:summary',
  description: 'Per account: how many AWS Budgets exist (one resource per account, also when there are none)',
  scope: 'global',
  permissions: { list: ['budgets:ViewBudget'] },
  properties: {
    budgetCount: 'number of budgets of any type',
    costBudgetCount: 'number of COST budgets',
    budgetNames: 'names of the budgets',
  },
  async list(ctx) {
    const budgets = await describeAllBudgets(ctx);
    const resource: Resource = {
      type: 'budgets:summary',
      id: 'budgets',
      name: 'AWS Budgets',
      accountId: ctx.accountId,
      region: ctx.resourceRegion,
      tags: {},
      props: {
        budgetCount: budgets.length,
        costBudgetCount: budgets.filter((b) => b.BudgetType === 'COST').length,
        budgetNames: budgets.map((b) => b.BudgetName).filter(Boolean),
      },
    };
    return [resource];
  },
};
