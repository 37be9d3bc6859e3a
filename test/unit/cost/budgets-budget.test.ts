import { afterEach, describe, expect, it } from 'vitest';
import { budgetsBudget } from '../../../src/resources/budgets-budget.js';
import { budgetsSummary } from '../../../src/resources/budgets-summary.js';
import { fakeAws, jsonError, jsonReply, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

const budget = (name: string, type = 'COST') => ({
  BudgetName: name,
  BudgetLimit: { Amount: '20.0', Unit: 'USD' },
  TimeUnit: 'MONTHLY',
  BudgetType: type,
  CalculatedSpend: { ActualSpend: { Amount: '5.123', Unit: 'USD' }, ForecastedSpend: { Amount: '18', Unit: 'USD' } },
});

describe('budgets:budget', () => {
  it('lists every budget of the account, following NextToken at 1000 a page', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN.budgets, {
      DescribeBudgets: [() => jsonReply({ Budgets: [budget('monthly')], NextToken: 'next' }), () => jsonReply({ Budgets: [budget('usage', 'USAGE')] })],
    });
    const resources = await budgetsBudget.list(t.ctx);
    expect(resources.map((r) => r.id)).toEqual(['monthly', 'usage']);
    expect(resources[0]).toMatchObject({ type: 'budgets:budget', arn: 'arn:aws:budgets::111111111111:budget/monthly', region: 'global' });
    expect(resources[0].props).toEqual({ budgetType: 'COST', timeUnit: 'MONTHLY', limitAmount: 20, limitUnit: 'USD', actualSpend: 5.12, forecastedSpend: 18, percentUsed: 25.6 });
    const calls = server.calls('DescribeBudgets');
    expect(calls.map((c) => c.json)).toEqual([
      { AccountId: '111111111111', MaxResults: 1000 },
      { AccountId: '111111111111', MaxResults: 1000, NextToken: 'next' },
    ]);
  });

  it('shares the DescribeBudgets calls with budgets:summary in one account run', async () => {
    t = testGlobalCollectContext();
    const server = fakeAws(ORIGIN.budgets, { DescribeBudgets: () => jsonReply({ Budgets: [budget('monthly')] }) });
    await Promise.all([budgetsBudget.list(t.ctx), budgetsSummary.list(t.ctx)]);
    expect(server.calls('DescribeBudgets')).toHaveLength(1);
  });

  it('rejects on AccessDenied (a collection error)', async () => {
    t = testGlobalCollectContext({ maxAttempts: 1 });
    fakeAws(ORIGIN.budgets, { DescribeBudgets: () => jsonError('AccessDeniedException', 'not authorized to perform budgets:ViewBudget') });
    await expect(budgetsBudget.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
