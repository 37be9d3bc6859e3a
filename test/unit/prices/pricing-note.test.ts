import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import type { Report } from '../../../src/core/model.js';
import { fixtureReport } from '../report/helpers.js';
import { schemaErrors, REPORT_SCHEMA } from '../../e2e/helpers/schema.js';

function withPricing(pricing: Report['pricing']): Report {
  const report = fixtureReport();
  report.findings = report.findings.map((f, i) => (f.monthlyCostUsd !== null ? { ...f, priceSource: i % 2 === 0 ? 'api' : 'table', priceRegion: f.region } : f));
  return { ...report, pricing };
}

describe('where the prices came from, in the report', () => {
  const denied = withPricing({
    mode: 'live',
    bySource: { api: 0, cache: 0, table: 4 },
    unknown: 1,
    apiCalls: 1,
    fallback: 'the AWS Price List API could not be used (AccessDeniedException: denied); prices come from the price tables',
  });

  it('says in the table footer that the API was denied and the tables were used', () => {
    const text = renderReport('table', denied, { lang: 'en', color: false, width: 200 });
    expect(text).toContain('Prices: AWS Price List API 0, cached 0, price table 4 · 1 pricing call · 1 unknown — On-Demand list prices; no discounts, credits or Savings Plans.');
    expect(text).toContain('Price List API not used: the AWS Price List API could not be used (AccessDeniedException: denied)');
  });

  it('says it in Markdown and in Korean', () => {
    expect(renderReport('markdown', denied, { lang: 'en', color: false })).toContain('Price List API not used');
    expect(renderReport('table', denied, { color: false, width: 200, lang: 'ko' })).toContain('가격: AWS Price List API 0건, 캐시 0건, 가격표 4건');
  });

  it('names the shipped table for snapshots and the demo', () => {
    const demo = withPricing({ mode: 'table', tableReason: 'the demo is priced from the shipped table', bySource: { api: 0, cache: 0, table: 4 }, unknown: 0, apiCalls: 0 });
    expect(renderReport('table', demo, { lang: 'en', color: false, width: 200 })).toContain('Prices: shipped price table (the demo is priced from the shipped table)');
  });

  it('keeps priceSource, priceRegion and pricing valid against the report schema', () => {
    expect(schemaErrors(REPORT_SCHEMA, denied)).toEqual([]);
  });
});
