import { describe, expect, it } from 'vitest';
import { evaluateWithPrices } from '../../../src/app/prices.js';
import { serviceRegionRequest, spendFromGroups } from '../../../src/aws/cost-explorer.js';
import { monthToDateFraction } from '../../../src/core/price-reconcile.js';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { ACCOUNT, inventory, resource } from '../core/fixtures.js';

const NOW = new Date('2026-06-11T08:00:00Z'); // 10 of 30 days gone
const SEOUL = 'ap-northeast-2';

function spend(service: string, region: string, usd: number) {
  return resource({ type: 'cost:service-spend', id: `${service}/${region}`, name: service, region, props: { service, usageRegion: region, monthToDateUsd: usd } });
}

const lab = inventory(
  [
    resource({ type: 'ec2:nat-gateway', id: 'nat-1', region: SEOUL, props: { state: 'available', vpcId: 'vpc-1' } }),
    spend('Amazon SageMaker', SEOUL, 41.2),
    spend('EC2 - Other', SEOUL, 10),
    spend('Amazon Elastic Compute Cloud - Compute', SEOUL, 0.5),
    spend('Tax', 'global', 9),
  ],
  { targets: [{ accountId: ACCOUNT, source: 'test', regions: [SEOUL] }] },
);

describe('spend reconciliation (cost-unexplained-spend)', () => {
  it('reports SageMaker spend in ap-northeast-2 that no finding explains, and is silent where the findings explain it', async () => {
    const { result } = await evaluateWithPrices(
      { inventory: lab, packs: loadBuiltinPacks(), now: NOW, packsSelected: ['free-tier', 'cost'], only: ['vpc-nat-gateway', 'cost-unexplained-spend'] },
      { tableOnly: 'test', cacheDir: '/nonexistent' },
    );
    const unexplained = result.findings.filter((f) => f.ruleId === 'cost-unexplained-spend');
    expect(unexplained.map((f) => f.resourceId)).toEqual([`Amazon SageMaker/${SEOUL}`]);
    expect(unexplained[0]).toMatchObject({ severity: 'medium', region: SEOUL });
    expect(unexplained[0].message).toContain('Amazon SageMaker in ap-northeast-2 cost $41.2 so far this month');
    expect(unexplained[0].message).toContain('explain $0');
    expect(unexplained[0].message).toContain('Checked there: nothing');
    expect(unexplained[0].remediation).toContain('costguard inventory --region ap-northeast-2');
    expect(unexplained[0].remediation).toContain('costguard audit --region ap-northeast-2');
    expect(unexplained[0].remediation).toContain('Cost Explorer');
  });

  it('writes the finding in Korean too', async () => {
    const { result } = await evaluateWithPrices(
      { inventory: lab, packs: loadBuiltinPacks(), now: NOW, packsSelected: ['cost'], only: ['cost-unexplained-spend'], lang: 'ko' },
      { tableOnly: 'test', cacheDir: '/nonexistent' },
    );
    expect(result.findings[0].message).toContain('ap-northeast-2의 Amazon SageMaker가 이번 달 지금까지 $41.2를 썼습니다');
  });

  it('counts the month to date up to yesterday', () => {
    expect(monthToDateFraction(NOW)).toBeCloseTo(10 / 30);
  });

  it('asks once for the month to date grouped by SERVICE and REGION, and reads the Groups (Total is empty)', () => {
    expect(serviceRegionRequest(ACCOUNT, NOW)).toMatchObject({
      TimePeriod: { Start: '2026-06-01', End: '2026-06-11' },
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }],
    });
    expect(serviceRegionRequest(ACCOUNT, new Date('2026-06-01T10:00:00Z'))).toBeUndefined();
    const spendRows = spendFromGroups([
      {
        TimePeriod: { Start: '2026-06-01', End: '2026-06-11' },
        Total: {},
        Groups: [
          { Keys: ['Amazon SageMaker', SEOUL], Metrics: { UnblendedCost: { Amount: '41.2000001', Unit: 'USD' } } },
          { Keys: ['EC2 - Other', SEOUL], Metrics: { UnblendedCost: { Amount: '10', Unit: 'USD' } } },
        ],
        Estimated: true,
      },
    ]);
    expect(spendRows).toEqual([
      { service: 'Amazon SageMaker', region: SEOUL, monthToDateUsd: 41.2 },
      { service: 'EC2 - Other', region: SEOUL, monthToDateUsd: 10 },
    ]);
  });
});
