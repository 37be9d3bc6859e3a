import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostCache, fetchCostHistory, fetchMonthForecast, type CostQuery } from '../aws/cost-explorer.js';
import type { Resource } from '../core/model.js';
import { costSettingsFromEnv, type CostSettings } from '../cost/settings.js';
import { rowsFromResults, summarizeCosts, type ServiceCost } from '../cost/summary.js';
import type { CollectContext, ResourceType } from './resource-type.js';

/** The Cost Explorer query of one account, with the disk cache the settings ask for. */
export function costQuery(ctx: CollectContext, settings: CostSettings): CostQuery {
  return {
    client: ctx.client(CostExplorerClient),
    accountId: ctx.accountId,
    now: ctx.now,
    cache: new CostCache({ dir: settings.cacheDir, ttlMs: settings.cacheTtlMs, read: settings.readCache }),
  };
}

function topServicesText(services: ServiceCost[]): string {
  const top = services.filter((s) => s.monthToDateUsd > 0).slice(0, 3);
  return top.length > 0 ? top.map((s) => `${s.service} $${s.monthToDateUsd.toFixed(2)}`).join(', ') : 'none yet';
}

/**
 * cost:month — this month's spend for one account: month to date, Cost Explorer's forecast, the
 * previous months and the spike ratio. Paid API: collected only when a rule of the cost pack needs it.
 * Without settings, they come from the environment when list() runs (audit --pack cost).
 */
export function createCostMonthType(settings?: CostSettings): ResourceType {
  return {
    type: 'cost:month',
    description: 'Spend this month (month to date, forecast) against previous months, from Cost Explorer (paid: $0.01 per request, cached)',
    scope: 'global',
    costRole: 'month',
    createdAt: false,
    paid: true,
    permissions: { list: ['ce:GetCostAndUsage', 'ce:GetCostForecast'] },
    properties: {
      month: { type: 'string', description: 'YYYY-MM of the current month' },
      monthToDateUsd: { type: 'number', description: 'spend this month up to yesterday (UTC), USD before credits and refunds' },
      forecastUsd: { type: 'number', description: "Cost Explorer's forecast for the whole month; absent when no forecast is available" },
      forecastAvailable: { type: 'boolean', description: 'false when Cost Explorer could not forecast (new account, emulator)' },
      forecastUnavailableReason: { type: 'string', description: 'why there is no forecast' },
      projectedUsd: { type: 'number', description: 'the forecast, or month to date projected in a straight line when there is none' },
      projectionSource: { type: 'string', description: 'forecast | linear | none' },
      previousMonthsAverageUsd: { type: 'number', description: 'average of the previous full months, from the first month with spend' },
      previousMonthsCount: { type: 'number', description: 'how many months that average covers' },
      previousMonthUsd: { type: 'number', description: 'spend last month' },
      spikeRatio: { type: 'number', description: 'projectedUsd / previousMonthsAverageUsd' },
      daysElapsed: { type: 'number', description: 'whole days of this month that are over' },
      daysInMonth: { type: 'number', description: 'days in this month' },
      months: { type: 'object', description: 'list of { month, usd, estimated, partial }, oldest first' },
      topServices: { type: 'object', description: 'list of { service, monthToDateUsd, previousMonthUsd }, highest first (10)' },
      topServicesText: { type: 'string', description: 'the three costliest services this month, as text' },
      forecastUsdText: { type: 'string', description: 'the forecast as "$12.34", or "not available"' },
      fromCache: { type: 'boolean', description: 'true when the disk cache answered every Cost Explorer request' },
      cacheAnswers: { type: 'number', description: 'Cost Explorer questions the disk cache answered (of 2: history and forecast)' },
      fetchedAt: { type: 'date', description: 'when the Cost Explorer answer was fetched' },
      paidRequests: { type: 'number', description: 'Cost Explorer requests this collection made for the account' },
    },
    async list(ctx) {
      const s = settings ?? costSettingsFromEnv();
      const query = costQuery(ctx, s);
      const [history, forecast] = await Promise.all([fetchCostHistory(query, s.months), fetchMonthForecast(query)]);
      const summary = summarizeCosts(rowsFromResults(history.results), {
        now: ctx.now,
        months: s.months,
        periodStart: history.request.TimePeriod?.Start ?? '',
        forecast,
      });
      const { usageTypes: _usageTypes, services, ...rest } = summary;
      const resource: Resource = {
        type: 'cost:month',
        id: summary.month,
        name: `Spend in ${summary.month}`,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: {},
        props: {
          ...rest,
          topServices: services.slice(0, 10),
          topServicesText: topServicesText(services),
          forecastUsdText: summary.forecastUsd !== undefined ? `$${summary.forecastUsd.toFixed(2)}` : 'not available',
          fromCache: history.fromCache && forecast.fromCache,
          cacheAnswers: Number(history.fromCache) + Number(forecast.fromCache),
          fetchedAt: history.fetchedAt,
          paidRequests: history.pages + (forecast.fromCache ? 0 : 1),
        },
      };
      return [resource];
    },
  };
}

export const costMonth: ResourceType = createCostMonthType();
