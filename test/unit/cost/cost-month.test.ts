import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCostMonthType } from '../../../src/resources/cost-month.js';
import { createCostUsageType } from '../../../src/resources/cost-usage-type.js';
import {
  costAndUsagePage,
  fakeAws,
  forecastReply,
  jsonError,
  NOW,
  ORIGIN,
  sixMonthsOfNat,
  tempCache,
  testGlobalCollectContext,
  type TempCache,
  type TestCollectContext,
} from './helpers.js';

let cache: TempCache;
const contexts: TestCollectContext[] = [];
/** A fresh run: new clients and new CallStats, like a second invocation of the CLI. */
const run = (accountId = '111111111111', maxAttempts = 3) => {
  const t = testGlobalCollectContext({ now: NOW, accountId, maxAttempts });
  contexts.push(t);
  return t;
};

beforeEach(() => (cache = tempCache()));
afterEach(() => {
  for (const t of contexts.splice(0)) t.dispose();
  cache.remove();
});

const history = () => [() => costAndUsagePage(sixMonthsOfNat().slice(0, 4), 'page-2'), () => costAndUsagePage(sixMonthsOfNat().slice(4))];

describe('cost:month', () => {
  it('asks Cost Explorer once for the whole window by service and usage type, following every page, and forecasts the rest of the month', async () => {
    const server = fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: () => forecastReply(14.6) });
    const t = run();
    const [month] = await createCostMonthType(cache.settings()).list(t.ctx);

    const calls = server.calls('GetCostAndUsage');
    expect(calls).toHaveLength(2);
    expect(calls[0].headers['x-amz-target']).toBe('AWSInsightsIndexService.GetCostAndUsage');
    expect(calls[0].json).toEqual({
      TimePeriod: { Start: '2026-05-01', End: '2026-11-21' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
      Filter: {
        And: [
          { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] } },
          { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
        ],
      },
    });
    expect(calls[1].json?.NextPageToken).toBe('page-2');
    expect(server.calls('GetCostForecast')[0].json).toMatchObject({
      TimePeriod: { Start: '2026-11-21', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    });

    expect(month).toMatchObject({ type: 'cost:month', id: '2026-11', accountId: '111111111111', region: 'global' });
    expect(month.props).toMatchObject({
      monthToDateUsd: 25.4,
      forecastUsd: 40,
      forecastAvailable: true,
      forecastUsdText: '$40.00',
      previousMonthsAverageUsd: 10,
      spikeRatio: 4,
      fromCache: false,
      cacheAnswers: 0,
      paidRequests: 3,
      topServicesText: 'Amazon Virtual Private Cloud $20.00, EC2 - Other $3.00, Amazon Elastic Compute Cloud - Compute $2.40',
    });
    // every page and the forecast is a paid request
    expect(t.stats.count('ce')).toBe(3);
    expect(t.op('ce', 'GetCostAndUsage').calls).toBe(2);
    expect(t.op('ce', 'GetCostForecast').calls).toBe(1);
  });

  it('degrades to "forecast unavailable" when Cost Explorer cannot forecast, without failing', async () => {
    fakeAws(ORIGIN.ce, {
      GetCostAndUsage: history(),
      GetCostForecast: () => jsonError('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.'),
    });
    const t = run();
    const [month] = await createCostMonthType(cache.settings()).list(t.ctx);
    expect(month.props).toMatchObject({
      forecastAvailable: false,
      forecastUnavailableReason: 'DataUnavailableException: Insufficient amount of historical data to generate forecast.',
      forecastUsdText: 'not available',
      projectionSource: 'linear',
      projectedUsd: 38.1,
    });
    expect(month.props.forecastUsd).toBeUndefined();
  });

  it('answers a second run from the disk cache: zero paid requests', async () => {
    const server = fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: () => forecastReply(14.6) });
    const type = createCostMonthType(cache.settings());
    const [first] = await type.list(run().ctx);

    const second = run();
    const [again] = await type.list(second.ctx);
    expect(second.stats.count('ce')).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(again.props).toMatchObject({ fromCache: true, cacheAnswers: 2, paidRequests: 0, monthToDateUsd: 25.4, forecastUsd: 40 });
    expect(again.props.fetchedAt).toBe(first.props.fetchedAt);
    expect(readdirSync(join(cache.dir, 'cost-explorer')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it('caches a definite "no forecast" too, so the second run is still free', async () => {
    fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: () => jsonError('DataUnavailableException', 'not enough data') });
    const type = createCostMonthType(cache.settings());
    await type.list(run().ctx);
    const second = run();
    const [month] = await type.list(second.ctx);
    expect(second.stats.count('ce')).toBe(0);
    expect(month.props.forecastAvailable).toBe(false);
  });

  it('does not cache a throttled forecast', async () => {
    fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: () => jsonError('ThrottlingException', 'Rate exceeded') });
    const type = createCostMonthType(cache.settings());
    await type.list(run('111111111111', 1).ctx);
    const second = run('111111111111', 1);
    await type.list(second.ctx);
    expect(second.op('ce', 'GetCostAndUsage').calls).toBe(0);
    expect(second.op('ce', 'GetCostForecast').calls).toBe(1);
  });

  it('caches "not implemented" (an emulator answering HTML)', async () => {
    const html = () => ({ status: 500, body: '<!doctype html><title>500 Internal Server Error</title>', headers: { 'content-type': 'text/html' } });
    fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: [html] });
    const type = createCostMonthType(cache.settings());
    const [first] = await type.list(run('111111111111', 1).ctx);
    expect(first.props.forecastUnavailableReason).toMatch(/does not implement this operation/);
    const second = run('111111111111', 1);
    await type.list(second.ctx);
    expect(second.stats.count('ce')).toBe(0);
  });

  it('does not cache a real server error: the next run asks for the forecast again', async () => {
    fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: [() => jsonError('InternalServerException', 'try again', 500), () => forecastReply(2)] });
    const type = createCostMonthType(cache.settings());
    const [first] = await type.list(run('111111111111', 1).ctx);
    expect(first.props.forecastAvailable).toBe(false);
    const second = run('111111111111', 1);
    const [again] = await type.list(second.ctx);
    expect(second.op('ce', 'GetCostAndUsage').calls).toBe(0);
    expect(second.op('ce', 'GetCostForecast').calls).toBe(1);
    expect(again.props).toMatchObject({ forecastUsd: 27.4, cacheAnswers: 1, fromCache: false });
  });

  it('keys the cache by account: another account asks again and gets its own numbers', async () => {
    const other = [() => costAndUsagePage([{ TimePeriod: { Start: '2026-11-01', End: '2026-11-21' }, Total: {}, Groups: [], Estimated: true }])];
    const server = fakeAws(ORIGIN.ce, {
      GetCostAndUsage: [...history(), ...other],
      GetCostForecast: [() => forecastReply(14.6), () => forecastReply(0)],
    });
    const type = createCostMonthType(cache.settings());
    const [a] = await type.list(run('111111111111').ctx);
    const second = run('222222222222');
    const [b] = await type.list(second.ctx);
    expect(second.stats.count('ce')).toBe(2);
    expect(server.calls('GetCostAndUsage')[2].json?.Filter).toMatchObject({ And: [{ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'] } }, {}] });
    expect(a.props.monthToDateUsd).toBe(25.4);
    expect(b).toMatchObject({ accountId: '222222222222' });
    expect(b.props.monthToDateUsd).toBe(0);
  });

  it('asks again with --no-cache (and refreshes the cache), and when the answer is older than the TTL', async () => {
    fakeAws(ORIGIN.ce, { GetCostAndUsage: [...history(), ...history(), ...history()], GetCostForecast: () => forecastReply(1) });
    await createCostMonthType(cache.settings()).list(run().ctx);

    const noCache = run();
    await createCostMonthType(cache.settings({ readCache: false })).list(noCache.ctx);
    expect(noCache.stats.count('ce')).toBe(3);

    const expired = run();
    await createCostMonthType(cache.settings({ cacheTtlMs: 0 })).list(expired.ctx);
    expect(expired.stats.count('ce')).toBe(3);
  });

  it('shares one GetCostAndUsage with cost:usage-type in the same account run', async () => {
    const server = fakeAws(ORIGIN.ce, { GetCostAndUsage: history(), GetCostForecast: () => forecastReply(1) });
    const t = run();
    const settings = cache.settings({ readCache: false });
    const [months, usageTypes] = await Promise.all([createCostMonthType(settings).list(t.ctx), createCostUsageType(settings).list(t.ctx)]);
    expect(months).toHaveLength(1);
    expect(usageTypes.length).toBe(3);
    expect(server.calls('GetCostAndUsage')).toHaveLength(2); // the two pages, once
  });

  it('fails (a collection error, rules not evaluated) when the history cannot be read', async () => {
    fakeAws(ORIGIN.ce, { GetCostAndUsage: () => jsonError('AccessDeniedException', 'User is not authorized to perform ce:GetCostAndUsage'), GetCostForecast: () => forecastReply(1) });
    await expect(createCostMonthType(cache.settings()).list(run().ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
