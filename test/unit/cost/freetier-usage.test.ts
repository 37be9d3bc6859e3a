import { afterEach, describe, expect, it } from 'vitest';
import { freetierUsage } from '../../../src/resources/freetier-usage.js';
import { fakeAws, jsonError, jsonReply, NOW, ORIGIN, testGlobalCollectContext, type TestCollectContext } from './helpers.js';

const JSON10 = 'application/x-amz-json-1.0';
let t: TestCollectContext | undefined;
afterEach(() => t?.dispose());

describe('freetier:usage', () => {
  it('makes one resource per offer with percentages of the limit and the rules behind the usage type', async () => {
    t = testGlobalCollectContext({ now: NOW });
    fakeAws(ORIGIN.freetier, {
      GetFreeTierUsage: () =>
        jsonReply(
          {
            freeTierUsages: [
              {
                service: 'Amazon Elastic Compute Cloud',
                operation: 'RunInstances',
                usageType: 'USE2-BoxUsage:freetrial',
                region: 'us-east-2',
                actualUsageAmount: 690,
                forecastedUsageAmount: 1046.5,
                limit: 750,
                unit: 'Hrs',
                description: '750 hours of t2.micro or t3.micro',
                freeTierType: '12 Months Free',
              },
              { service: 'AWS Lambda', usageType: 'Lambda-GB-Second', actualUsageAmount: 10, forecastedUsageAmount: 15, limit: 400000, unit: 'Seconds', freeTierType: 'Always Free' },
            ],
          },
          JSON10,
        ),
    });
    const offers = await freetierUsage.list(t.ctx);
    expect(offers.map((o) => o.id)).toEqual(['Amazon Elastic Compute Cloud/USE2-BoxUsage:freetrial/us-east-2/12 Months Free', 'AWS Lambda/Lambda-GB-Second/global/Always Free']);
    expect(offers[0].props).toMatchObject({
      usageType: 'USE2-BoxUsage:freetrial',
      baseUsageType: 'BoxUsage:freetrial',
      usageRegion: 'us-east-2',
      actualPercent: 92,
      forecastPercent: 139.5,
      limit: 750,
      unit: 'Hrs',
      ruleIds: ['ec2-instance-not-free-tier', 'ec2-free-tier-hours-exceeded'],
      auditCommand: 'costguard audit --rule ec2-instance-not-free-tier --rule ec2-free-tier-hours-exceeded',
    });
    expect(offers[1].props).toMatchObject({ actualPercent: 0, forecastPercent: 0, ruleIds: [] });
  });

  it('has no offers, and no error, where the API does not serve the account', async () => {
    t = testGlobalCollectContext({ now: NOW, maxAttempts: 1 });
    fakeAws(ORIGIN.freetier, { GetFreeTierUsage: () => jsonError('AccessDeniedException', 'not available for this account', 400, JSON10) });
    expect(await freetierUsage.list(t.ctx)).toEqual([]);
  });

  it('lets throttles that outlive the retries through as errors', async () => {
    t = testGlobalCollectContext({ now: NOW, maxAttempts: 2 });
    fakeAws(ORIGIN.freetier, { GetFreeTierUsage: () => jsonError('ThrottlingException', 'slow down', 400, JSON10) });
    await expect(freetierUsage.list(t.ctx)).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(t.op('freetier', 'GetFreeTierUsage')).toMatchObject({ calls: 1, retries: 1, throttles: 2, errors: 1 });
  });
});
