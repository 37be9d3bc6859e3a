import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCostServiceSpend } from '../../../src/resources/cost-service-spend.js';
import { fakeAws, jsonReply, NOW, ORIGIN, tempCache, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

let t: TestCollectContext | undefined;
const cache = tempCache();
afterEach(() => t?.dispose());
afterAll(() => cache.remove());

const answer = {
  GroupDefinitions: [
    { Type: 'DIMENSION', Key: 'SERVICE' },
    { Type: 'DIMENSION', Key: 'REGION' },
  ],
  ResultsByTime: [
    {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-21' },
      Total: {},
      Groups: [
        { Keys: ['Amazon SageMaker', 'ap-northeast-2'], Metrics: { UnblendedCost: { Amount: '41.2', Unit: 'USD' } } },
        { Keys: ['Tax', 'NoRegion'], Metrics: { UnblendedCost: { Amount: '3.1', Unit: 'USD' } } },
        { Keys: ['AWS Lambda', 'us-east-1'], Metrics: { UnblendedCost: { Amount: '0', Unit: 'USD' } } },
      ],
      Estimated: true,
    },
  ],
  DimensionValueAttributes: [],
};

describe('cost:service-spend', () => {
  it('makes one resource per service and region with spend this month, from one grouped request, cached for the day', async () => {
    t = testGlobalCollectContext({ now: NOW });
    const server = fakeAws(ORIGIN.ce, { GetCostAndUsage: () => jsonReply(answer) });
    const resources = await createCostServiceSpend(cache.settings()).list(t.ctx);
    expect(resources.map((r) => [r.id, r.region, r.props.monthToDateUsd])).toEqual([
      ['Amazon SageMaker/ap-northeast-2', 'ap-northeast-2', 41.2],
      ['Tax/global', 'global', 3.1],
    ]);
    const [call] = server.calls('GetCostAndUsage');
    expect(call.json).toMatchObject({ TimePeriod: { Start: '2026-11-01', End: '2026-11-21' }, GroupBy: [{ Key: 'SERVICE' }, { Key: 'REGION' }] });
    t.dispose();
    t = testGlobalCollectContext({ now: NOW });
    const again = await createCostServiceSpend(cache.settings()).list(t.ctx);
    expect(again).toHaveLength(2);
    expect(server.calls('GetCostAndUsage')).toHaveLength(1);
  });
});
