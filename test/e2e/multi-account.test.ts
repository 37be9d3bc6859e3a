// End to end, many accounts: an Organization on moto (management + four members, one in a nested OU),
// each member seeded differently. --org must find exactly each account's own problems, tagged with the
// right account; --ou and --exclude-account narrow the set; a member whose role cannot be assumed (a
// proxy in front of moto refuses that AssumeRole, since moto lets any role be assumed) is reported
// while the others finish.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/app/audit.js';
import type { TargetOptions } from '../../src/aws/targets/index.js';
import type { Report } from '../../src/core/model.js';
import { assumeRoleInto, startRefusingProxy, type RefusingProxy } from './fixtures/multi-account/refusing-proxy.js';
import { MANAGEMENT_ACCOUNT, SEED_REGIONS, seedOrganization, type SeededOrganization } from './fixtures/multi-account/organization.js';
import { buildOnce, describeRun, parseStdout, REPORT_SCHEMA, runCli, schemaErrors, startMoto, type MotoServer } from './helpers/index.js';

const RULES = ['ec2-eip-unattached', 'vpc-nat-gateway'];
const ENV_KEYS = ['HOME', 'USERPROFILE', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'];

let moto: MotoServer;
let proxy: RefusingProxy;
let org: SeededOrganization;
let home: string;
const savedEnv = new Map<string, string | undefined>();

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  org = await seedOrganization(moto.endpoint);
  proxy = await startRefusingProxy(moto.endpoint, assumeRoleInto(new Set([org.locked.id])));
  home = mkdtempSync(join(tmpdir(), 'costguard-e2e-multi-'));
  for (const k of ENV_KEYS) savedEnv.set(k, process.env[k]);
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, {
    HOME: home,
    USERPROFILE: home,
    AWS_ENDPOINT_URL: proxy.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

afterAll(async () => {
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await proxy?.close();
  await moto?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function audit(targets: TargetOptions): Promise<Report> {
  const { report } = await runAudit({
    source: { kind: 'aws', targets, regions: [...SEED_REGIONS], concurrency: 2, accountConcurrency: 4, maxAttempts: 1 },
    only: RULES,
  });
  return report;
}

/** "accountId ruleId region resourceId" lines, sorted. */
function findingLines(report: Report): string[] {
  return report.findings.map((f) => `${f.accountId} ${f.ruleId} ${f.region} ${f.resourceId}`).sort();
}

describe('--org on an Organization with nested OUs', () => {
  let report: Report;

  beforeAll(async () => {
    report = await audit({ org: true });
  });

  it('reaches the management account with its own credentials and every active member through the role', () => {
    expect(report.targets.map((t) => [t.accountId, t.name, t.source])).toEqual(
      [
        [MANAGEMENT_ACCOUNT, 'master', 'default'],
        [org.alpha.id, 'alpha', 'org:OrganizationAccountAccessRole'],
        [org.beta.id, 'beta', 'org:OrganizationAccountAccessRole'],
        [org.gamma.id, 'gamma', 'org:OrganizationAccountAccessRole'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const t of report.targets) expect(t.regions).toEqual([...SEED_REGIONS]);
  });

  it('writes a report that validates against the published schema', () => {
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it("finds exactly each account's own problems, tagged with the right account", () => {
    // The NAT gateway's own Elastic IP is attached to it, so beta has no unattached-address finding.
    expect(findingLines(report)).toEqual(
      [
        `${org.alpha.id} ec2-eip-unattached us-east-1 ${org.alpha.allocationId}`,
        `${org.beta.id} vpc-nat-gateway us-east-2 ${org.beta.natGatewayId}`,
      ].sort(),
    );
    const names = Object.fromEntries(report.findings.map((f) => [f.accountId, f.accountName]));
    expect(names).toEqual({ [org.alpha.id]: 'alpha', [org.beta.id]: 'beta' });
  });

  it('reports the member whose role cannot be assumed, while the others finish', () => {
    expect(proxy.refused).toBeGreaterThan(0);
    const refused = report.errors.filter((e) => e.accountId === org.locked.id);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ operation: 'sts:AssumeRole', code: 'AccessDenied', region: 'global' });
    expect(refused[0].message).toContain('locked');
    expect(report.errors.filter((e) => e.accountId !== org.locked.id)).toEqual([]);
  });
});

describe('narrowing the Organization', () => {
  it('--ou on the nested OU keeps only the account under it', async () => {
    const report = await audit({ org: true, ous: [org.ouB] });
    expect(report.targets.map((t) => t.accountId)).toEqual([org.gamma.id]);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
  });

  it('--ou on the parent OU is recursive', async () => {
    const report = await audit({ org: true, ous: [org.ouA] });
    expect(report.targets.map((t) => t.accountId).sort()).toEqual([org.beta.id, org.gamma.id].sort());
  });

  it('--exclude-account drops an account and its findings', async () => {
    const report = await audit({ org: true, excludeAccounts: [org.alpha.id, org.locked.id] });
    expect(report.targets.map((t) => t.accountId)).not.toContain(org.alpha.id);
    expect(report.targets).toHaveLength(3);
    expect(report.findings.some((f) => f.accountId === org.alpha.id)).toBe(false);
    expect(report.errors).toEqual([]);
  });

  it('--account keeps only the accounts named', async () => {
    const report = await audit({ org: true, accounts: [org.alpha.id] });
    expect(report.targets.map((t) => t.accountId)).toEqual([org.alpha.id]);
    expect(findingLines(report)).toEqual([`${org.alpha.id} ec2-eip-unattached us-east-1 ${org.alpha.allocationId}`]);
  });
});

describe('costguard accounts --org (built CLI)', () => {
  interface Row {
    accountId: string;
    name?: string;
    source: string;
    ouPath?: string;
    credentialsOk: boolean;
    error?: { code: string };
  }

  it('lists every account with its OU path and exits 3 for the member it cannot reach', async () => {
    const run = await runCli(['accounts', '--org', '--json'], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(run.code, describeRun(run)).toBe(3);
    const result = parseStdout<{ accounts: Row[] }>(run);
    const byId = Object.fromEntries(result.accounts.map((a) => [a.accountId, a]));
    expect(byId[org.gamma.id]).toMatchObject({ name: 'gamma', ouPath: 'Root/a/b', credentialsOk: true });
    expect(byId[org.beta.id]).toMatchObject({ ouPath: 'Root/a', credentialsOk: true });
    expect(byId[MANAGEMENT_ACCOUNT]).toMatchObject({ source: 'default', ouPath: 'Root', credentialsOk: true });
    expect(byId[org.locked.id]).toMatchObject({ credentialsOk: false, error: { code: 'AccessDenied' } });
  });

  it('exits 0 when every selected account works', async () => {
    const run = await runCli(['accounts', '--org', '--ou', org.ouA], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Root/a/b');
    expect(run.stdout).toContain('2 account(s): 2 ok, 0 not reachable.');
  });
});

describe('costguard audit --org --workers (built CLI)', () => {
  const args = ['audit', '--org', '--format', 'json', '--no-local', ...RULES.flatMap((r) => ['--rule', r]), ...SEED_REGIONS.flatMap((r) => ['--region', r])];

  it('writes the report one process writes: the same accounts, findings and unreachable member, from 2 processes', async () => {
    const one = await runCli([...args, '--workers', '1', '--stats'], { AWS_ENDPOINT_URL: proxy.endpoint });
    const two = await runCli([...args, '--workers', '2', '--stats'], { AWS_ENDPOINT_URL: proxy.endpoint });
    // Without --workers: the Organization is listed first, and 5 accounts stay in one process.
    const fit = await runCli([...args, '--stats'], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(fit.code, describeRun(fit)).toBe(3);
    expect(one.code, describeRun(one)).toBe(3);
    expect(two.code, describeRun(two)).toBe(3);
    const [a, b] = [parseStdout<Report>(one), parseStdout<Report>(two)];
    expect(findingLines(b)).toEqual(findingLines(a));
    expect(findingLines(b).length).toBeGreaterThan(0);
    expect(b.targets.map((t) => t.accountId).sort()).toEqual(a.targets.map((t) => t.accountId).sort());
    expect(b.errors.map((e) => `${e.accountId} ${e.operation} ${e.code}`)).toEqual(a.errors.map((e) => `${e.accountId} ${e.operation} ${e.code}`));
    expect(b.errors.some((e) => e.accountId === org.locked.id)).toBe(true);
    expect(b.summary.apiCalls).toBeGreaterThan(0);
    expect(b.summary.firstApiCallMs).toBeGreaterThan(0);
    // This process lists the Organization once for both workers: as many listing calls as one process makes.
    const listing = (r: Report) => (r.summary.byOperation ?? []).filter((o) => o.service === 'organizations').map((o) => `${o.operation} ${o.calls}`);
    expect(listing(a).length).toBeGreaterThan(0);
    expect(listing(b)).toEqual(listing(a));
    const c = parseStdout<Report>(fit);
    expect(findingLines(c)).toEqual(findingLines(a));
    expect(c.errors.map((e) => `${e.accountId} ${e.operation} ${e.code}`)).toEqual(a.errors.map((e) => `${e.accountId} ${e.operation} ${e.code}`));
    expect(listing(c)).toEqual(listing(a));
    // The same calls but one: listing first asks the caller's identity once more (sts:GetCallerIdentity).
    const calls = (r: Report) => Object.fromEntries((r.summary.byOperation ?? []).map((o) => [`${o.service}:${o.operation}`, o.calls]));
    expect(calls(c)).toEqual({ ...calls(a), 'sts:GetCallerIdentity': (calls(a)['sts:GetCallerIdentity'] ?? 0) + 1 });
  });

  it('splits a --shard among its workers: the workers of shard 1/2 and 2/2 together cover the Organization once', async () => {
    const whole = parseStdout<Report>(await runCli([...args, '--workers', '2'], { AWS_ENDPOINT_URL: proxy.endpoint }));
    const parts = await Promise.all(['1/2', '2/2'].map((shard) => runCli([...args, '--workers', '2', '--shard', shard], { AWS_ENDPOINT_URL: proxy.endpoint })));
    const reports = parts.map((run) => parseStdout<Report>(run));
    const accounts = reports.flatMap((r) => r.targets.map((t) => t.accountId));
    expect(new Set(accounts).size).toBe(accounts.length);
    expect([...accounts].sort()).toEqual(whole.targets.map((t) => t.accountId).sort());
    expect(reports.flatMap((r) => findingLines(r)).sort()).toEqual(findingLines(whole));
    // Each shard says which it is and what it split; `report merge` of both is whole, of one is not.
    expect(reports.map((r) => r.shard && [r.shard.index, r.shard.count, r.shard.accounts])).toEqual([[1, 2, whole.targets.length + 1], [2, 2, whole.targets.length + 1]]);
    const dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-shards-'));
    try {
      const files = reports.map((_, i) => join(dir, `part-${i + 1}.json`));
      parts.forEach((run, i) => writeFileSync(files[i], run.stdout));
      const both = await runCli(['report', 'merge', ...files, '--format', 'json', '--allow-partial']);
      expect(both.code, describeRun(both)).toBe(0);
      expect(parseStdout<Report>(both).errors.map((e) => e.code)).toEqual(whole.errors.map((e) => e.code));
      const alone = await runCli(['report', 'merge', files[0], '--format', 'json']);
      expect(alone.code, describeRun(alone)).toBe(3);
      expect(alone.stderr).toContain('the merged report is incomplete: shard 2/2 missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --workers on a run with one account, and a --workers that is not a count (exit 2)', async () => {
    const single = await runCli(['audit', '--workers', '2', '--no-local', '--region', SEED_REGIONS[0]], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(single.code, describeRun(single)).toBe(2);
    expect(single.stderr).toContain('this run has one account');
    const typo = await runCli([...args, '--workers', 'two'], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(typo.code, describeRun(typo)).toBe(2);
    expect(typo.stderr).toContain('expected a number from 1 to 64, or auto');
  });

  it('stops with the error a worker stopped with, and its exit code: a profile without credentials is exit 4 with either count', async () => {
    const one = await runCli([...args, '--profile', 'no-such-profile', '--workers', '1'], { AWS_ENDPOINT_URL: proxy.endpoint });
    const two = await runCli([...args, '--profile', 'no-such-profile', '--workers', '2'], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(one.code, describeRun(one)).toBe(4);
    expect(two.code, describeRun(two)).toBe(4);
    expect(two.stderr).toContain('No usable AWS credentials for profile "no-such-profile"');
  });
});

// Last: it deletes resources the describes above count.
describe('costguard nuke --org (built CLI)', () => {
  const TYPES = ['--include', 'ec2:elastic-ip', '--include', 'ec2:nat-gateway', ...SEED_REGIONS.flatMap((r) => ['--region', r])];
  interface PlanAccount {
    accountId: string;
    status: string;
    reason?: string;
    deletions: number;
  }
  interface Deletion {
    accountId: string;
    type: string;
    id: string;
  }

  it('plans every member in one run and refuses the management account', async () => {
    const run = await runCli(['nuke', '--org', ...TYPES, '--format', 'json', '--allow-partial'], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(run.code, describeRun(run)).toBe(0);
    const plan = parseStdout<{ accounts: PlanAccount[]; deletions: Deletion[] }>(run);
    const byId = Object.fromEntries(plan.accounts.map((a) => [a.accountId, a]));
    expect(byId[MANAGEMENT_ACCOUNT]).toMatchObject({ status: 'refused' });
    expect(byId[MANAGEMENT_ACCOUNT].reason).toMatch(/management account/);
    const planned = plan.deletions.map((d) => `${d.accountId} ${d.type} ${d.id}`).sort();
    expect(planned).toEqual(
      [`${org.alpha.id} ec2:elastic-ip ${org.alpha.allocationId}`, `${org.beta.id} ec2:elastic-ip ${org.beta.allocationId}`, `${org.beta.id} ec2:nat-gateway ${org.beta.natGatewayId}`].sort(),
    );
  });

  it('refuses a real run whose --confirm-account does not name every account, deleting nothing', async () => {
    const run = await runCli(['nuke', '--org', '--ou', org.ouA, ...TYPES, '--no-dry-run', '--confirm-account', org.beta.id], { AWS_ENDPOINT_URL: proxy.endpoint });
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(org.gamma.id);
    const report = await audit({ org: true, ous: [org.ouA] });
    expect(findingLines(report).some((l) => l.includes(org.beta.natGatewayId))).toBe(true);
  });

  it('deletes in the confirmed accounts of the OU only', async () => {
    const run = await runCli(['nuke', '--org', '--ou', org.ouA, ...TYPES, '--no-dry-run', '--confirm-account', org.beta.id, '--confirm-account', org.gamma.id, '--format', 'json'], {
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    expect(run.code, describeRun(run)).toBe(0);
    const receipt = parseStdout<{ items: Array<Deletion & { status: string }> }>(run);
    expect(receipt.items.filter((i) => i.status === 'deleted').map((i) => `${i.accountId} ${i.type} ${i.id}`).sort()).toEqual(
      [`${org.beta.id} ec2:elastic-ip ${org.beta.allocationId}`, `${org.beta.id} ec2:nat-gateway ${org.beta.natGatewayId}`].sort(),
    );
    const report = await audit({ org: true });
    const lines = findingLines(report);
    expect(lines.some((l) => l.startsWith(org.beta.id))).toBe(false);
    expect(lines).toContain(`${org.alpha.id} ec2-eip-unattached us-east-1 ${org.alpha.allocationId}`);
  });
});
