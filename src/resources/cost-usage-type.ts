import { fetchCostHistory } from '../aws/cost-explorer.js';
import type { Resource } from '../core/model.js';
import { costSettingsFromEnv, type CostSettings } from '../cost/settings.js';
import { rowsFromResults, summarizeCosts } from '../cost/summary.js';
import { costQuery } from './cost-month.js';
import type { ResourceType } from './resource-type.js';

/**
 * cost:usage-type — one resource per usage type that cost anything this month or last month, with the
 * audit rules that explain it. Shares cost:month's one GetCostAndUsage call (and its cache).
 */
export function createCostUsageType(settings?: CostSettings): ResourceType {
  return {
    type: 'cost:usage-type',
    description: 'Spend by usage type this month and last month, mapped to the audit rules that explain it (Cost Explorer, paid, cached)',
    scope: 'global',
    costRole: 'usage-types',
    createdAt: false,
    paid: true,
    permissions: { list: ['ce:GetCostAndUsage'] },
    properties: {
      usageType: { type: 'string', description: 'the usage type as billed, e.g. USE2-NatGateway-Hours' },
      baseUsageType: { type: 'string', description: 'the usage type without its region prefix, e.g. NatGateway-Hours' },
      regionPrefix: { type: 'string', description: 'the region prefix, e.g. USE2; absent for unprefixed usage types' },
      usageRegion: { type: 'string', description: 'the region the prefix names' },
      service: { type: 'string', description: 'the Cost Explorer service name' },
      monthToDateUsd: { type: 'number', description: 'spend this month up to yesterday, USD' },
      monthToDateQuantity: { type: 'number', description: 'usage this month in `unit`' },
      previousMonthUsd: { type: 'number', description: 'spend last month, USD' },
      previousMonthQuantity: { type: 'number', description: 'usage last month in `unit`' },
      unit: { type: 'string', description: 'unit of the quantities (Hrs, GB, GB-Mo, ...)' },
      ruleIds: { type: 'strings', description: 'audit rules that explain this usage type' },
      auditCommand: { type: 'string', description: 'costguard audit --rule ... for those rules' },
    },
    async list(ctx) {
      const s = settings ?? costSettingsFromEnv();
      const history = await fetchCostHistory(costQuery(ctx, s), s.months);
      const summary = summarizeCosts(rowsFromResults(history.results), {
        now: ctx.now,
        months: s.months,
        periodStart: history.request.TimePeriod?.Start ?? '',
        forecast: { available: false, reason: 'not needed' },
      });
      return summary.usageTypes.map(
        (u): Resource => ({
          type: 'cost:usage-type',
          id: `${u.service}/${u.usageType}`,
          name: u.usageType,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: { ...u },
        }),
      );
    },
  };
}

export const costUsageType: ResourceType = createCostUsageType();
