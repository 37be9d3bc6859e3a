import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';
import { UsageError } from '../../../src/core/errors.js';
import type { Report } from '../../../src/core/model.js';
import { mergeReports } from '../../../src/core/report-merge.js';
import { SHARD_MERGE_OPERATION } from '../../../src/core/shard.js';
import { renderReport } from '../../../src/report/index.js';
import { partialMergeNotice } from '../../../src/report/merge-notice.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

async function demoShard(index: number, count: number): Promise<Report> {
  const { report } = await runAudit({ source: { kind: 'demo', shard: { index, count } }, local: false, now: new Date('2026-06-01T00:00:00Z') });
  // What `report merge` reads: the JSON report a shard wrote.
  return JSON.parse(renderReport('json', report, { lang: 'en', color: false })) as Report;
}

const mergeProblems = (report: Report) => report.errors.filter((e) => e.operation === SHARD_MERGE_OPERATION).map((e) => [e.code, e.message]);

describe('report merge checks the shards of one split', () => {
  it('a shard writes which shard it is and what it split, valid against the schema', async () => {
    const shard = await demoShard(2, 3);
    expect(shard.shard).toEqual({ index: 2, count: 3, accounts: 1, digest: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(schemaErrors(REPORT_SCHEMA, shard)).toEqual([]);
  }, 60_000);

  it('every shard there, same listing: the report one run writes, complete and without a shard', async () => {
    const parts = await Promise.all([1, 2, 3].map((i) => demoShard(i, 3)));
    const whole = await runAudit({ source: { kind: 'demo' }, local: false, now: new Date('2026-06-01T00:00:00Z') });
    const merged = mergeReports(parts, { sources: ['a.json', 'b.json', 'c.json'] });
    expect(merged.errors).toEqual(whole.report.errors);
    expect(merged.findings.length).toBe(whole.report.findings.length);
    expect(merged.shard).toBeUndefined();
    expect(partialMergeNotice(merged, false)).toBeUndefined();
  }, 60_000);

  it('a missing shard makes the merge incomplete and says which', async () => {
    const parts = await Promise.all([1, 3].map((i) => demoShard(i, 4)));
    const merged = mergeReports(parts, { sources: ['part-1.json', 'part-3.json'] });
    expect(mergeProblems(merged)).toEqual([
      ['ShardMissing', 'shard 2/4 is not among the merged reports: the accounts it holds are not in this report'],
      ['ShardMissing', 'shard 4/4 is not among the merged reports: the accounts it holds are not in this report'],
    ]);
    // (The demo itself has rules it cannot evaluate: they are counted after the shard problems.)
    expect(partialMergeNotice(merged, false)).toMatch(/^warning: the merged report is incomplete: shards 2\/4, 4\/4 missing, \d+ rules not evaluated — exit 3; pass --allow-partial/);
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', merged, { lang: 'en', color: false })))).toEqual([]);
  }, 60_000);

  it('shards that listed different accounts make the merge incomplete, naming what each saw', async () => {
    const [one, two] = await Promise.all([1, 2].map((i) => demoShard(i, 2)));
    const later = { ...two, shard: { ...(two.shard as NonNullable<Report['shard']>), accounts: 2, digest: '0123456789abcdef' } };
    const merged = mergeReports([one, later], { sources: ['part-1.json', 'part-2.json'] });
    expect(mergeProblems(merged)).toEqual([
      [
        'ShardListingsDiffer',
        'the shards listed different accounts (shard 1/2: 1 account; shard 2/2: 2 accounts): an account added or closed between their runs may be in no shard. Re-run the shards whose listing is out of date',
      ],
    ]);
    expect(partialMergeNotice(merged, true)).toMatch(/^warning: the merged report is incomplete: the shards listed different accounts, \d+ rules not evaluated — accepted \(--allow-partial\)$/);
  }, 60_000);

  it('shards of different splits, or a shard that is not one, are a usage error naming the files', async () => {
    const [half, third] = await Promise.all([demoShard(1, 2), demoShard(1, 3)]);
    const mixed = (() => {
      try {
        return mergeReports([half, third], { sources: ['a.json', 'b.json'] });
      } catch (error) {
        return error;
      }
    })();
    expect(mixed).toBeInstanceOf(UsageError);
    expect((mixed as UsageError).message).toBe('a.json is shard 1/2 and b.json is shard 1/3: they are not shards of one split');
    const broken = { ...half, shard: { index: 3, count: 2 } } as unknown as Report;
    expect(() => mergeReports([broken], { sources: ['x.json'] })).toThrow(/x\.json: "shard" is not/);
  }, 60_000);

  it('reports without a shard are whole runs: merged as before, nothing checked', async () => {
    const { report } = await runAudit({ source: { kind: 'demo' }, local: false });
    expect(mergeProblems(mergeReports([report, report]))).toEqual([]);
  }, 60_000);
});
