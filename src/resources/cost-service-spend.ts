import { fetchServiceRegionSpend } from '../aws/cost-explorer.js';
import type { Resource } from '../core/model.js';
import { costSettingsFromEnv, type CostSettings } from '../cost/settings.js';
import { costQuery } from './cost-month.js';
import type { ResourceType } from './resource-type.js';

/** Cost Explorer REGION values that are no region: the spend is kept under "global". */
const NON_REGIONS = new Set(['NoRegion', 'global', '']);

/**
 * cost:service-spend — this month's spend of one service in one region (Cost Explorer, one request
 * grouped by SERVICE and REGION, paid, cached). The audit adds what the findings explain there
 * (explainedMonthToDateUsd, explainedShare, checked) before the cost pack's rules read it.
 */
export function createCostServiceSpend(settings?: CostSettings): ResourceType {
  return {
    type: 'cost:service-spend',
    description: 'Spend this month by service and region, and how much of it the findings explain (Cost Explorer, paid, cached)',
    scope: 'global',
    costRole: 'service-spend',
    createdAt: false,
    permissions: { list: ['ce:GetCostAndUsage'] },
    properties: {
      service: { type: 'string', description: 'the Cost Explorer service name, e.g. Amazon SageMaker' },
      usageRegion: { type: 'string', description: 'the region of the spend ("global" for spend with no region)' },
      monthToDateUsd: { type: 'number', description: 'spend this month up to yesterday, USD' },
      explainedMonthToDateUsd: { type: 'number', description: "the month-to-date share of the findings' monthly estimates for this service's resource types there" },
      explainedShare: { type: 'number', description: 'explainedMonthToDateUsd ÷ monthToDateUsd (0 when nothing is explained)' },
      checked: { type: 'string', description: 'what costguard checked there for this service (resource types, or "nothing")' },
      findingCount: { type: 'number', description: 'findings there on the resource types of this service' },
    },
    async list(ctx) {
      const s = settings ?? costSettingsFromEnv();
      const spend = await fetchServiceRegionSpend(costQuery(ctx, s));
      return spend
        .filter((x) => x.monthToDateUsd > 0)
        .map((x): Resource => {
          const region = NON_REGIONS.has(x.region) ? 'global' : x.region;
          return {
            type: 'cost:service-spend',
            id: `${x.service}/${region}`,
            name: x.service,
            accountId: ctx.accountId,
            region,
            tags: {},
            props: { service: x.service, usageRegion: region, monthToDateUsd: x.monthToDateUsd },
          };
        });
    },
  };
}

export const costServiceSpend: ResourceType = createCostServiceSpend();
