// Every rule of policies/cost.yml through the real engine: flagged and not flagged.
import { describe, expect, it } from 'vitest';
import { evaluate, requiredResourceTypes } from '../../../src/core/evaluate.js';
import type { CollectionError, Inventory, Resource } from '../../../src/core/model.js';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { allResourceTypes } from '../../../src/resources/registry.js';
import { NOW } from './helpers.js';

const packs = loadBuiltinPacks();
const PAID_RESOURCE_TYPES = allResourceTypes().filter((t) => t.paid).map((t) => t.type);
const costPack = packs.find((p) => p.name === 'cost');
const A = '111111111111';
const B = '222222222222';
const COST_TYPES = ['budgets:summary', 'cloudwatch:billing-alarm-summary', 'cost:month', 'cost:service-spend', 'cost:usage-type', 'freetier:plan', 'freetier:usage'];

function resource(type: string, id: string, props: Record<string, unknown>, accountId = A): Resource {
  return { type, id, accountId, region: 'global', tags: {}, props };
}

function inventory(resources: Resource[], errors: CollectionError[] = []): Inventory {
  return {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: 'test',
    generatedAt: NOW.toISOString(),
    targets: [
      { accountId: A, source: 'profile:a', regions: [] },
      { accountId: B, source: 'profile:b', regions: [] },
    ],
    collectedTypes: COST_TYPES,
    resources,
    errors,
  };
}

function run(resources: Resource[], params: Record<string, string> = {}, errors: CollectionError[] = []) {
  return evaluate({ inventory: inventory(resources, errors), packs, packsSelected: ['cost'], params, now: NOW });
}

const hits = (result: ReturnType<typeof run>, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId);

const month = (props: Record<string, unknown>, accountId = A) =>
  resource('cost:month', '2026-11', { month: '2026-11', monthToDateUsd: 10, forecastUsdText: 'not available', topServicesText: 'none yet', projectionSource: 'forecast', ...props }, accountId);

describe('the cost pack', () => {
  it('is not run by default, and its types (Cost Explorer among them) are collected only when it is selected', () => {
    expect(costPack?.default).toBe(false);
    const byDefault = requiredResourceTypes(packs, {});
    for (const type of COST_TYPES) expect(byDefault).not.toContain(type);
    expect(requiredResourceTypes(packs, { packsSelected: ['cost'] })).toEqual(COST_TYPES);
    expect(requiredResourceTypes(packs, { packsSelected: ['free-tier'] }).filter((t) => PAID_RESOURCE_TYPES.includes(t))).toEqual([]);
    const defaultRun = evaluate({ inventory: inventory([month({ monthToDateUsd: 1000 })]), packs, now: NOW });
    expect(defaultRun.rules.some((r) => r.pack === 'cost')).toBe(false);
  });

  it('has the rule ids the issue asks for, each with severity, title, why, message, remediation and Korean title and why', () => {
    const ids = costPack?.rules.map((r) => r.id) ?? [];
    expect(ids).toEqual(
      expect.arrayContaining(['cost-free-tier-usage-high', 'cost-credits-running-out', 'cost-month-over-budget', 'cost-spend-spike', 'billing-no-budget', 'billing-no-alarm']),
    );
    for (const rule of costPack?.rules ?? []) {
      expect(rule.why, rule.id).toBeTruthy();
      expect(rule.message, rule.id).toBeTruthy();
      expect(rule.remediation, rule.id).toBeTruthy();
      expect(rule.i18n?.ko?.title, rule.id).toBeTruthy();
      expect(rule.i18n?.ko?.why, rule.id).toBeTruthy();
    }
    expect(costPack?.params).toMatchObject({ usageHighPercent: 85, creditsLowUsd: 20, planExpiryDays: 14, spikeRatio: 1.5, monthlyBudgetUsd: null });
  });
});

describe('cost-free-tier-usage-high', () => {
  const offer = (id: string, actualPercent: number, forecastPercent: number) =>
    resource('freetier:usage', id, { service: 'Amazon EC2', usageType: id, description: 'd', actualUsageAmount: 1, forecastedUsageAmount: 1, limit: 750, unit: 'Hrs', actualPercent, forecastPercent, ruleIds: [], auditCommand: 'costguard audit' });

  it('flags an offer at or above 85 % actual or forecast above 100 %, high once the limit is used up', () => {
    const result = run([offer('at-85', 85, 90), offer('forecast-over', 40, 101), offer('used-up', 100, 130), offer('fine', 84.9, 100)]);
    const found = hits(result, 'cost-free-tier-usage-high');
    expect(found.map((f) => [f.resourceId, f.severity])).toEqual(
      expect.arrayContaining([
        ['at-85', 'medium'],
        ['forecast-over', 'medium'],
        ['used-up', 'high'],
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it('follows --param usageHighPercent', () => {
    expect(hits(run([offer('x', 70, 80)], { usageHighPercent: '60' }), 'cost-free-tier-usage-high')).toHaveLength(1);
  });
});

describe('cost-credits-running-out', () => {
  const plan = (props: Record<string, unknown>, accountId = A) =>
    resource('freetier:plan', 'account-plan', { available: true, accountPlanType: 'FREE', status: 'ACTIVE', remainingCreditsUsd: 80, expiresOn: '2027-03-01', daysLeft: 100, ...props }, accountId);

  it('flags a free plan low on credits or close to its end, and says the account closes', () => {
    const result = run([plan({ remainingCreditsUsd: 12.5 }), plan({ daysLeft: 7 }, B)]);
    const found = hits(result, 'cost-credits-running-out');
    expect(found.map((f) => f.accountId).sort()).toEqual([A, B]);
    expect(found[0].message).toMatch(/closes this\s+account/);
    expect(found.find((f) => f.accountId === A)?.message).toContain('$12.5 of credits left');
  });

  it('does not flag a healthy free plan, a paid plan, or an account the API does not serve', () => {
    const result = run([plan({}), plan({ accountPlanType: 'PAID', remainingCreditsUsd: 1 }, B)]);
    expect(hits(result, 'cost-credits-running-out')).toEqual([]);
    expect(hits(run([resource('freetier:plan', 'account-plan', { available: false, unavailableReason: 'AccessDeniedException: x' })]), 'cost-credits-running-out')).toEqual([]);
  });

  it('speaks Korean with --lang ko', () => {
    const result = evaluate({ inventory: inventory([plan({ remainingCreditsUsd: 5 })]), packs, packsSelected: ['cost'], now: NOW, lang: 'ko' });
    expect(hits(result, 'cost-credits-running-out')[0].title).toContain('계정이 폐쇄');
  });
});

describe('cost-month-over-budget', () => {
  it('never fires until a budget is given', () => {
    expect(hits(run([month({ monthToDateUsd: 500, forecastUsd: 900 })]), 'cost-month-over-budget')).toEqual([]);
  });

  it('flags month to date over the budget as high, and only the forecast over it as medium', () => {
    const result = run([month({ monthToDateUsd: 25 }), month({ monthToDateUsd: 15, forecastUsd: 30, forecastUsdText: '$30.00' }, B)], { monthlyBudgetUsd: '20' });
    const found = hits(result, 'cost-month-over-budget');
    expect(found.map((f) => [f.accountId, f.severity])).toEqual(
      expect.arrayContaining([
        [A, 'high'],
        [B, 'medium'],
      ]),
    );
    expect(found.find((f) => f.accountId === B)?.message).toContain('forecast for the month $30.00');
  });

  it('does not flag spend under the budget', () => {
    expect(hits(run([month({ monthToDateUsd: 5, forecastUsd: 9 })], { monthlyBudgetUsd: '10' }), 'cost-month-over-budget')).toEqual([]);
  });
});

describe('cost-spend-spike', () => {
  it('flags a month heading for 1.5 × the previous average or more', () => {
    const result = run([month({ projectedUsd: 40, spikeRatio: 4, previousMonthsAverageUsd: 10, previousMonthsCount: 6 })]);
    expect(hits(result, 'cost-spend-spike')[0].message).toMatch(/4 × the \$10/);
  });

  it('ignores small changes and small amounts, and follows --param spikeRatio', () => {
    expect(hits(run([month({ projectedUsd: 12, spikeRatio: 1.2 }), month({ projectedUsd: 3, spikeRatio: 6 }, B)]), 'cost-spend-spike')).toEqual([]);
    expect(hits(run([month({ projectedUsd: 12, spikeRatio: 1.2 })], { spikeRatio: '1.1' }), 'cost-spend-spike')).toHaveLength(1);
  });
});

describe('cost-data-transfer-out-high', () => {
  const transfer = (usageType: string, gb: number, accountId = A) =>
    resource('cost:usage-type', `EC2 - Other/${usageType}`, { usageType, baseUsageType: usageType.replace(/^[A-Z]{2,4}\d-/, ''), monthToDateQuantity: gb, unit: 'GB' }, accountId);

  it('adds data transfer out over all regions and flags more than 100 GB, with the cost of the excess', () => {
    const result = run([transfer('DataTransfer-Out-Bytes', 60), transfer('USE2-DataTransfer-Out-Bytes', 50), transfer('DataTransfer-Out-Bytes', 90, B), transfer('USE2-DataTransfer-In-Bytes', 500, B)]);
    const found = hits(result, 'cost-data-transfer-out-high');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ accountId: A, monthlyCostUsd: 0.9 });
  });
});

describe('billing-no-budget and billing-no-alarm', () => {
  it('fire on a count of zero, per account', () => {
    const result = run([
      resource('budgets:summary', 'budgets', { budgetCount: 1, costBudgetCount: 1, budgetNames: ['monthly'] }),
      resource('budgets:summary', 'budgets', { budgetCount: 0, costBudgetCount: 0, budgetNames: [] }, B),
      resource('cloudwatch:billing-alarm-summary', 'billing-alarms', { billingAlarmCount: 1, notifyingAlarmCount: 1 }),
      resource('cloudwatch:billing-alarm-summary', 'billing-alarms', { billingAlarmCount: 2, notifyingAlarmCount: 0 }, B),
    ]);
    expect(hits(result, 'billing-no-budget').map((f) => f.accountId)).toEqual([B]);
    const alarm = hits(result, 'billing-no-alarm');
    expect(alarm.map((f) => f.accountId)).toEqual([B]);
    expect(alarm[0].message).toContain('(2 billing alarms found)');
  });

  it('are "not evaluated", never passed, when the data could not be collected', () => {
    const error: CollectionError = { accountId: B, region: 'global', operation: 'budgets:DescribeBudgets', code: 'AccessDeniedException', message: 'no', resourceTypes: ['budgets:summary'] };
    const result = run([resource('budgets:summary', 'budgets', { budgetCount: 1 })], {}, [error]);
    expect(hits(result, 'billing-no-budget')).toEqual([]);
    expect(result.notEvaluated.filter((n) => n.ruleId === 'billing-no-budget').map((n) => n.accountId)).toEqual([B]);
  });
});
