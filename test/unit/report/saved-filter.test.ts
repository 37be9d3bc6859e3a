import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';
import { UsageError } from '../../../src/core/errors.js';
import { renderReport } from '../../../src/report/index.js';

async function usageMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('--region and --shard on a saved inventory (--demo, --snapshot)', () => {
  it('--region keeps that region\'s resources, errors and target regions (and the account-wide ones)', async () => {
    const all = await runAudit({ source: { kind: 'demo' }, local: false });
    const east = await runAudit({ source: { kind: 'demo', regions: ['us-east-1'] }, local: false });
    expect(new Set(all.report.findings.map((f) => f.region)).size).toBeGreaterThan(2);
    expect([...new Set(east.report.findings.map((f) => f.region))].sort()).toEqual(['global', 'local', 'us-east-1']);
    expect(east.inventory.resources.every((r) => ['us-east-1', 'global', 'local'].includes(r.region))).toBe(true);
    expect(east.inventory.errors.every((e) => e.region === 'us-east-1' || e.region === 'global')).toBe(true);
    expect(east.report.targets.filter((t) => t.accountId !== 'local').map((t) => t.regions)).toEqual([['us-east-1']]);
    // Per-resource findings of the region are the same; account-wide sums now cover this region only.
    expect(east.report.findings.filter((f) => f.region === 'us-east-1')).toEqual(all.report.findings.filter((f) => f.region === 'us-east-1'));
  }, 60_000);

  it('an unknown region is a usage error with a did-you-mean over the saved regions', async () => {
    expect(await usageMessage(runAudit({ source: { kind: 'demo', regions: ['us-est-1'] }, local: false }))).toBe(
      '--region us-est-1: the demo holds no region of that name (did you mean us-east-1?)',
    );
  });

  it('--shard keeps the accounts of that slice; an empty shard says so instead of "No findings"', async () => {
    const first = await runAudit({ source: { kind: 'demo', shard: { index: 1, count: 2 } }, local: false });
    expect(first.report.targets.map((t) => t.accountId)).toEqual(['123456789012']);
    expect(first.report.findings.length).toBeGreaterThan(40);
    const second = await runAudit({ source: { kind: 'demo', shard: { index: 2, count: 2 } }, local: false });
    expect(second.report.targets).toEqual([]);
    expect(second.report.findings).toEqual([]);
    expect(second.report.errors).toEqual([]);
    expect(second.shard).toEqual({ index: 2, count: 2, accounts: 1, digest: first.report.shard?.digest });
    // The JSON report carries it too, for `report merge` to check the shards.
    expect(second.report.shard).toEqual(second.shard);
    const table = renderReport('table', second.report, { lang: 'en', color: false, shard: second.shard, rules: second.ruleMeta });
    expect(table).toContain('Shard 2/2 holds no account (the run reaches 1 account in all): nothing was audited.');
    expect(table).not.toContain('No findings');
  }, 60_000);
});
