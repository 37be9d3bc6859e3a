import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/report-builder.js';
import { canonicalReport } from '../../../src/report/json.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

const base = {
  version: '0.1.0',
  generatedAt: '2025-01-15T09:30:00.000Z',
  targets: [],
  findings: [],
  errors: [],
  notEvaluated: [],
  rulesEvaluated: 1,
  rulesNotEvaluated: 0,
  resources: 1,
};

describe('summary.firstApiCallMs', () => {
  it('carries the time to the first API call into the JSON report, which the shipped schema accepts', () => {
    const report = buildReport({ ...base, stats: { apiCalls: 3, retries: 0, throttles: 0, byOperation: [], durationMs: 900, firstApiCallMs: 412 } });
    expect(report.summary.firstApiCallMs).toBe(412);
    const json = canonicalReport(report) as { summary: Record<string, unknown> };
    expect(json.summary.firstApiCallMs).toBe(412);
    expect(schemaErrors(REPORT_SCHEMA, json)).toEqual([]);
  });

  it('is absent from an offline run (no API call)', () => {
    const report = buildReport(base);
    expect('firstApiCallMs' in report.summary).toBe(false);
    expect(schemaErrors(REPORT_SCHEMA, canonicalReport(report))).toEqual([]);
  });
});
