import { describe, expect, it } from 'vitest';
import { mergeResultPages, rowsFromResults, summarizeCosts } from '../../../src/cost/summary.js';
import { group, monthResult, NOW, sixMonthsOfNat } from './helpers.js';

const options = (forecast: Parameters<typeof summarizeCosts>[1]['forecast']) => ({ now: NOW, months: 6, periodStart: '2026-05-01', forecast });

describe('cost summary', () => {
  it('adds month to date and the rest-of-month forecast, and compares with the previous months', () => {
    const summary = summarizeCosts(rowsFromResults(sixMonthsOfNat()), options({ available: true, remainingUsd: 14.6 }));
    expect(summary.month).toBe('2026-11');
    expect(summary.monthToDateUsd).toBe(25.4);
    expect(summary.forecastUsd).toBe(40);
    expect(summary.projectionSource).toBe('forecast');
    expect(summary.previousMonthsAverageUsd).toBe(10);
    expect(summary.previousMonthsCount).toBe(6);
    expect(summary.spikeRatio).toBe(4);
    expect(summary.daysElapsed).toBe(20);
    expect(summary.months.map((m) => [m.month, m.usd, m.partial])).toEqual([
      ['2026-05', 10, false],
      ['2026-06', 10, false],
      ['2026-07', 10, false],
      ['2026-08', 10, false],
      ['2026-09', 10, false],
      ['2026-10', 10, false],
      ['2026-11', 25.4, true],
    ]);
  });

  it('projects month to date in a straight line when there is no forecast', () => {
    const summary = summarizeCosts(rowsFromResults(sixMonthsOfNat()), options({ available: false, reason: 'DataUnavailableException: not enough data' }));
    expect(summary.forecastUsd).toBeUndefined();
    expect(summary.forecastAvailable).toBe(false);
    expect(summary.forecastUnavailableReason).toMatch(/DataUnavailable/);
    expect(summary.projectionSource).toBe('linear');
    expect(summary.projectedUsd).toBe(38.1); // 25.4 / 20 days * 30
  });

  it('averages previous months from the first month with spend (a new account is not a spike)', () => {
    const results = [
      monthResult('2026-09-01', '2026-10-01', []),
      monthResult('2026-10-01', '2026-11-01', [group('Amazon EC2', 'BoxUsage:t3.micro', 8, 744)]),
      monthResult('2026-11-01', '2026-11-21', [group('Amazon EC2', 'BoxUsage:t3.micro', 5, 480)]),
    ];
    const summary = summarizeCosts(rowsFromResults(results), options({ available: true, remainingUsd: 2.5 }));
    expect(summary.previousMonthsAverageUsd).toBe(8);
    expect(summary.previousMonthsCount).toBe(1);
    expect(summary.spikeRatio).toBe(0.94);
  });

  it('has no average and no spike ratio when nothing was spent before', () => {
    const summary = summarizeCosts(rowsFromResults([monthResult('2026-11-01', '2026-11-21', [group('Amazon EC2', 'BoxUsage:t3.micro', 5)])]), options({ available: true, remainingUsd: 1 }));
    expect(summary.previousMonthsAverageUsd).toBeUndefined();
    expect(summary.spikeRatio).toBeUndefined();
    expect(summary.months).toHaveLength(7);
  });

  it('lists usage types with their region, quantities and the rules that explain them, costliest first', () => {
    const summary = summarizeCosts(rowsFromResults(sixMonthsOfNat()), options({ available: true, remainingUsd: 0 }));
    expect(summary.usageTypes.map((u) => u.usageType)).toEqual(['USE2-NatGateway-Hours', 'DataTransfer-Out-Bytes', 'USE1-PublicIPv4:IdleAddress']);
    expect(summary.usageTypes[0]).toMatchObject({
      baseUsageType: 'NatGateway-Hours',
      regionPrefix: 'USE2',
      usageRegion: 'us-east-2',
      monthToDateUsd: 20,
      previousMonthUsd: 10,
      monthToDateQuantity: 480,
      unit: 'Hrs',
      ruleIds: ['vpc-nat-gateway'],
      auditCommand: 'costguard audit --rule vpc-nat-gateway',
    });
    expect(summary.usageTypes[1]).toMatchObject({ unit: 'GB', monthToDateQuantity: 60, ruleIds: ['cost-data-transfer-out-high'] });
    expect(summary.services[0]).toEqual({ service: 'Amazon Virtual Private Cloud', monthToDateUsd: 20, previousMonthUsd: 10 });
  });

  it('joins one period split across pages', () => {
    const merged = mergeResultPages([
      [monthResult('2026-10-01', '2026-11-01', [group('A', 'x', 1)]), monthResult('2026-11-01', '2026-11-21', [group('A', 'x', 2)])],
      [monthResult('2026-11-01', '2026-11-21', [group('B', 'y', 3)])],
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[1].Groups?.map((g) => g.Keys?.[1])).toEqual(['x', 'y']);
  });
});
