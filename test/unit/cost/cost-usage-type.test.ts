import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCostUsageType } from '../../../src/resources/cost-usage-type.js';
import { costAndUsagePage, fakeAws, group, monthResult, NOW, ORIGIN, sixMonthsOfNat, tempCache, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

let t: TestCollectContext | undefined;
const cache = tempCache();
afterEach(() => t?.dispose());
afterAll(() => cache.remove());

describe('cost:usage-type', () => {
  it('makes one resource per usage type that cost anything this month or last, with the rules that explain it', async () => {
    t = testGlobalCollectContext({ now: NOW });
    fakeAws(ORIGIN.ce, { GetCostAndUsage: () => costAndUsagePage(sixMonthsOfNat()) });
    const resources = await createCostUsageType(cache.settings({ readCache: false })).list(t.ctx);
    expect(resources.map((r) => r.id)).toEqual([
      'Amazon Virtual Private Cloud/USE2-NatGateway-Hours',
      'EC2 - Other/DataTransfer-Out-Bytes',
      'Amazon Elastic Compute Cloud - Compute/USE1-PublicIPv4:IdleAddress',
    ]);
    expect(resources[2]).toMatchObject({ type: 'cost:usage-type', name: 'USE1-PublicIPv4:IdleAddress', region: 'global' });
    expect(resources[2].props).toMatchObject({ baseUsageType: 'PublicIPv4:IdleAddress', usageRegion: 'us-east-1', monthToDateUsd: 2.4, previousMonthUsd: 0, ruleIds: ['ec2-eip-unattached'] });
    // it never asks for a forecast
    expect(t.op('ce', 'GetCostForecast').calls).toBe(0);
  });

  it('skips usage types with no cost and no usage in either month', async () => {
    t = testGlobalCollectContext({ now: NOW });
    fakeAws(ORIGIN.ce, {
      GetCostAndUsage: () =>
        costAndUsagePage([
          monthResult('2026-10-01', '2026-11-01', [group('Amazon S3', 'Requests-Tier1', 0, 0)]),
          monthResult('2026-11-01', '2026-11-21', [group('Amazon S3', 'TimedStorage-ByteHrs', 0, 0.5, 'GB-Mo')]),
        ]),
    });
    const resources = await createCostUsageType(cache.settings({ readCache: false })).list(t.ctx);
    expect(resources.map((r) => r.name)).toEqual(['TimedStorage-ByteHrs']);
  });
});
