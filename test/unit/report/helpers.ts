import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Report } from '../../../src/core/model.js';
import { summarize } from '../../../src/core/report-builder.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(ROOT, 'test/fixtures/report');
export const GOLDEN = join(ROOT, 'test/golden');

/** A fresh copy of the fixed fixture report (two accounts, every severity, one suppressed finding, one not-evaluated rule, one error). */
export function fixtureReport(): Report {
  return JSON.parse(readFileSync(join(FIXTURES, 'report.json'), 'utf8')) as Report;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Compare with test/golden/<name>; UPDATE_GOLDEN=1 (or a missing file) writes it. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, `golden ${name} differs (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(file, 'utf8'));
}

/** The report with its summary recomputed (after a test edits findings). */
export function resummarized(report: Report): Report {
  const s = report.summary;
  const stats = { apiCalls: s.apiCalls, retries: s.retries, throttles: s.throttles, durationMs: s.durationMs, byOperation: s.byOperation ?? [] };
  return { ...report, summary: summarize({ ...report, rulesEvaluated: s.rulesEvaluated, rulesNotEvaluated: s.rulesNotEvaluated, resources: s.resources, stats }) };
}
