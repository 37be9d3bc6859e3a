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
  costRole: 'budgets',
  createdAt: false,
  permissions: { list: ['budgets:ViewBudget'] },
  properties: {
    budgetCount: { type: 'number', description: 'number of budgets of any type' },
    costBudgetCount: { type: 'number', description: 'number of COST budgets' },
    budgetNames: { type: 'strings', description: 'names of the budgets', ref: { to: 'budgets:budget', kind: 'uses', byName: true } },
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
