import { describe, expect, it } from 'vitest';
import type { Inventory, Resource } from '../../../src/core/model.js';
import { renderCostReport } from '../../../src/cost/render.js';
import { buildCostReport } from '../../../src/cost/report.js';
import { rowsFromResults, summarizeCosts } from '../../../src/cost/summary.js';
import { NOW, sixMonthsOfNat } from './helpers.js';
import { costRoles } from '../../../src/app/type-catalog.js';

const A = '111111111111';
const B = '222222222222';

function costResources(accountId: string, scale: number, fromCache: boolean): Resource[] {
  const summary = summarizeCosts(
    rowsFromResults(sixMonthsOfNat()).map((r) => ({ ...r, usd: r.usd * scale })),
    { now: NOW, months: 6, periodStart: '2026-05-01', forecast: { available: true, remainingUsd: 10 } },
  );
  const { usageTypes, services, ...rest } = summary;
  const base = { accountId, region: 'global', tags: {} };
  return [
    { ...base, type: 'cost:month', id: '2026-11', props: { ...rest, topServices: services, fromCache, cacheAnswers: fromCache ? 2 : 0 } },
    ...usageTypes.map((u) => ({ ...base, type: 'cost:usage-type', id: u.usageType, props: { ...u } })),
    { ...base, type: 'freetier:plan', id: 'account-plan', props: accountId === A ? { available: true, accountPlanType: 'FREE', status: 'ACTIVE', remainingCreditsUsd: 42, expiresOn: '2027-01-15', daysLeft: 55 } : { available: false, unavailableReason: 'AccessDeniedException: member account' } },
    { ...base, type: 'freetier:usage', id: 'ec2', props: { service: 'Amazon EC2', usageType: 'BoxUsage:freetrial', description: '750 hours', actualPercent: 92, forecastPercent: 140, limit: 750, unit: 'Hrs', ruleIds: [] } },
    { ...base, type: 'budgets:summary', id: 'budgets', props: { budgetCount: accountId === A ? 1 : 0, budgetNames: accountId === A ? ['monthly'] : [] } },
    { ...base, type: 'cloudwatch:billing-alarm-summary', id: 'billing-alarms', props: { billingAlarmCount: 0, notifyingAlarmCount: 0 } },
  ];
}

function inventory(paidCalls: number, fromCache: boolean): Inventory {
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
    collectedTypes: [],
    resources: [...costResources(A, 1, fromCache), ...costResources(B, 3, fromCache)],
    errors: [],
    stats: {
      apiCalls: paidCalls + 4,
      retries: 0,
      throttles: 0,
      durationMs: 1,
      byOperation: [
        { service: 'ce', operation: 'GetCostAndUsage', calls: paidCalls / 2, retries: 0, throttles: 0, errors: 0 },
        { service: 'ce', operation: 'GetCostForecast', calls: paidCalls / 2, retries: 0, throttles: 0, errors: 0 },
        { service: 'freetier', operation: 'GetFreeTierUsage', calls: 2, retries: 0, throttles: 0, errors: 0 },
      ].filter((o) => o.calls > 0),
    },
  };
}

describe('cost report', () => {
  it('keeps each account\'s numbers apart and counts paid requests', () => {
    const report = buildCostReport(inventory(4, false), { version: 'test', months: 6, roles: costRoles() });
    expect(report.accounts.map((a) => [a.accountId, a.spend?.monthToDateUsd, a.spend?.forecastUsd])).toEqual([
      [A, 25.4, 35.4],
      [B, 76.2, 86.2],
    ]);
    expect(report.accounts[0].topUsageTypes[0]).toMatchObject({ usageType: 'USE2-NatGateway-Hours', ruleIds: ['vpc-nat-gateway'] });
    expect(report.accounts[1].freeTier.plan).toMatchObject({ available: false });
    expect(report.requests).toEqual({
      paidRequests: 4,
      estimatedCostUsd: 0.04,
      byOperation: [
        { operation: 'GetCostAndUsage', calls: 2 },
        { operation: 'GetCostForecast', calls: 2 },
      ],
      cacheAnswered: 'none',
      freeTierCalls: 2,
    });
  });

  it('says when the cache answered everything', () => {
    expect(buildCostReport(inventory(0, true), { version: 'test', months: 6, roles: costRoles() }).requests).toMatchObject({ paidRequests: 0, cacheAnswered: 'all' });
  });

  it('renders the trend chart, the usage-type table with rule ids, free-tier state, warnings and the paid-request line', () => {
    const text = renderCostReport(buildCostReport(inventory(4, false), { version: 'test', months: 6, roles: costRoles() }), { color: false, width: 100 });
    if (process.env.SHOW_COST_REPORT) process.stdout.write(text);
    expect(text).toContain('Account 111111111111 — profile:a');
    expect(text).toContain('2026-11 so far (to yesterday, before credits): $25.40 · forecast $35.40 for the month');
    expect(text).toMatch(/2026-05 │[█▏▎▍▌▋▊▉]+\s+\$10\.00/);
    expect(text).toMatch(/2026-11 │[█▏▎▍▌▋▊▉]+\s+\$25\.40 so far \(forecast \$35\.40\)/);
    expect(text).toMatch(/USE2-NatGateway-Hours.*\$20\.00.*\$10\.00.*480 Hrs.*vpc-nat-gateway/);
    expect(text).toContain('Free tier: free plan, active, $42.00 credits left, ends 2027-01-15 (55 days)');
    expect(text).toContain('AWS closes the account unless you upgrade');
    expect(text).toContain('Free tier: not available for this account (AccessDeniedException)');
    expect(text).toMatch(/92 % used, forecast 140 %/);
    expect(text).toContain('Budgets: none · Billing alarms (us-east-1): none that notifies (0 found)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Cost Explorer: 4 paid requests this run (≈ $0.04, $0.01 each); nothing came from the disk cache. Answers are reused for 4h (--cache-ttl, --no-cache).',
    );
  });
});
