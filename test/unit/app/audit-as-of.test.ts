// A saved inventory (--snapshot, --demo) is evaluated as of the time it was collected: the same file
// gives the same findings whenever it is evaluated. Live audits use now.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function snapshot(generatedAt: string): string {
  dir = mkdtempSync(join(tmpdir(), 'costguard-as-of-'));
  const file = join(dir, 'inv.json');
  const key = {
    type: 'iam:access-key',
    id: 'ci/access-key-1',
    accountId: '123456789012',
    region: 'global',
    tags: {},
    props: { userName: 'ci', slot: 1, active: true, lastRotated: '2026-01-01T00:00:00.000Z', neverUsed: false, lastUsedDate: generatedAt, lastUsedText: generatedAt },
  };
  const inventory = { tool: 'costguard', kind: 'inventory', schemaVersion: 1, version: 'test', generatedAt, targets: [{ accountId: '123456789012', source: 'test', regions: ['us-east-1'] }], collectedTypes: ['iam:access-key'], resources: [key], errors: [] };
  writeFileSync(file, JSON.stringify(inventory));
  return file;
}

describe('evaluating a saved inventory', () => {
  it('measures ages from when it was collected, not from today', async () => {
    const run = async (generatedAt: string) =>
      (await runAudit({ source: { kind: 'snapshot', file: snapshot(generatedAt) }, only: ['iam-access-key-stale'], local: false })).report.findings.map((f) => f.ruleId);
    // Rotated 2026-01-01: 30 days old when collected on 2026-01-31 (fine), 150 days old on 2026-05-31 (stale).
    expect(await run('2026-01-31T00:00:00.000Z')).toEqual([]);
    expect(await run('2026-05-31T00:00:00.000Z')).toEqual(['iam-access-key-stale']);
  });

  it('an explicit time still wins', async () => {
    const file = snapshot('2026-01-31T00:00:00.000Z');
    const { report } = await runAudit({ source: { kind: 'snapshot', file }, only: ['iam-access-key-stale'], local: false, now: new Date('2027-01-01T00:00:00.000Z') });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['iam-access-key-stale']);
  });
});
