// Shared pieces of the cost tests: fixed clock, endpoints, a fresh cache folder, Cost Explorer answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostSettings } from '../../../src/cost/settings.js';
import type { FakeReply } from '../resources/fake-aws.js';
import { jsonReply } from '../resources/fake-aws.js';

export { fakeAws, jsonError, jsonReply, type FakeRequest } from '../resources/fake-aws.js';
export { testCollectContext, testGlobalCollectContext, TEST_ACCOUNT_ID, type TestCollectContext } from '../../helpers/collect-context.js';

/** Saturday 21 November 2026, noon UTC: 20 whole days of the month are over. */
export const NOW = new Date('2026-11-21T12:00:00Z');

export const ORIGIN = {
  ce: 'https://ce.us-east-1.amazonaws.com',
  freetier: 'https://freetier.us-east-1.api.aws',
  budgets: 'https://budgets.amazonaws.com',
  cloudwatch: 'https://monitoring.us-east-1.amazonaws.com',
} as const;

export interface TempCache {
  dir: string;
  settings(overrides?: Partial<CostSettings>): CostSettings;
  remove(): void;
}

export function tempCache(): TempCache {
  const dir = mkdtempSync(join(tmpdir(), 'costguard-cost-test-'));
  return {
    dir,
    settings: (overrides = {}) => ({ months: 6, cacheTtlMs: 4 * 3_600_000, readCache: true, cacheDir: dir, ...overrides }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One Cost Explorer group: [service, usage type] with cost and usage. */
export function group(service: string, usageType: string, usd: number, quantity = 0, unit = 'Hrs') {
  return {
    Keys: [service, usageType],
    Metrics: { UnblendedCost: { Amount: String(usd), Unit: 'USD' }, UsageQuantity: { Amount: String(quantity), Unit: unit } },
  };
}

export function monthResult(start: string, end: string, groups: ReturnType<typeof group>[], estimated = false) {
  return { TimePeriod: { Start: start, End: end }, Total: {}, Groups: groups, Estimated: estimated };
}

export function costAndUsagePage(results: ReturnType<typeof monthResult>[], next?: string): FakeReply {
  return jsonReply({ ResultsByTime: results, DimensionValueAttributes: [], ...(next ? { NextPageToken: next } : {}) });
}

export function forecastReply(amount: number): FakeReply {
  return jsonReply({ Total: { Amount: String(amount), Unit: 'USD' }, ForecastResultsByTime: [] });
}

/** Six previous months (May to October 2026) and November to date, one NAT gateway line each. */
export function sixMonthsOfNat(): ReturnType<typeof monthResult>[] {
  const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
  const out = months.map((m) => {
    const [y, mo] = m.split('-').map(Number);
    const end = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    return monthResult(`${m}-01`, end, [group('Amazon Virtual Private Cloud', 'USE2-NatGateway-Hours', 10, 744)]);
  });
  out.push(
    monthResult('2026-11-01', '2026-11-21', [
      group('Amazon Virtual Private Cloud', 'USE2-NatGateway-Hours', 20, 480),
      group('Amazon Elastic Compute Cloud - Compute', 'USE1-PublicIPv4:IdleAddress', 2.4, 480),
      group('EC2 - Other', 'DataTransfer-Out-Bytes', 3, 60, 'GB'),
    ], true),
  );
  return out;
}

/** A CloudWatch metric alarm on AWS/Billing EstimatedCharges. */
export const billingAlarm = (name: string, actions: string[] = ['arn:aws:sns:us-east-1:111111111111:billing'], enabled = true) => ({
  AlarmName: name,
  AlarmArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${name}`,
  Namespace: 'AWS/Billing',
  MetricName: 'EstimatedCharges',
  Dimensions: [{ Name: 'Currency', Value: 'USD' }],
  Threshold: 10,
  ComparisonOperator: 'GreaterThanThreshold',
  StateValue: 'OK',
  ActionsEnabled: enabled,
  AlarmActions: actions,
});
