import { afterEach, describe, expect, it } from 'vitest';
import { budgetsSummary } from '../../../src/resources/budgets-summary.js';
import { fakeAws, jsonReply, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

describe('budgets:summary', () => {
  it('exists with budgetCount 0 when the account has no budget (so "no budget" can fire)', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN.budgets, { DescribeBudgets: () => jsonReply({ Budgets: [] }) });
    const [summary] = await budgetsSummary.list(t.ctx);
    expect(summary).toMatchObject({ type: 'budgets:summary', id: 'budgets', accountId: '111111111111', region: 'global' });
    expect(summary.props).toEqual({ budgetCount: 0, costBudgetCount: 0, budgetNames: [] });
  });

  it('counts budgets and cost budgets', async () => {
    t = testGlobalCollectContext();
    fakeAws(ORIGIN.budgets, {
      DescribeBudgets: () => jsonReply({ Budgets: [{ BudgetName: 'monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY' }, { BudgetName: 'ec2-hours', BudgetType: 'USAGE', TimeUnit: 'MONTHLY' }] }),
    });
    const [summary] = await budgetsSummary.list(t.ctx);
    expect(summary.props).toEqual({ budgetCount: 2, costBudgetCount: 1, budgetNames: ['monthly', 'ec2-hours'] });
  });
});
