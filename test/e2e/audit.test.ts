// End to end: the built CLI against a moto server seeded with a lab in three regions.
// One lab, seeded once; every test runs `node bin/run.js audit ...` on it and reads the JSON report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, Report } from '../../src/core/model.js';
import {
  awsClients,
  buildOnce,
  describeRun,
  INVENTORY_SCHEMA,
  parseStdout,
  REPO_ROOT,
  REPORT_SCHEMA,
  runCli,
  schemaErrors,
  startMoto,
  type CliResult,
  type MotoServer,
} from './helpers/index.js';
import {
  findingKeys,
  FREE_TIER_PACK,
  MOTO_GAP_OPERATIONS,
  MOTO_GAP_RULES,
  regionFlags,
  seedCleanLab,
  seedCostlyLab,
  SKIP_MOTO_GAPS,
  type CostlyLab,
} from './helpers/lab.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

let moto: MotoServer;
let lab: CostlyLab;
let workDir: string;
/** `audit --region x3 --format json` on the lab, moto gaps included. */
let full: CliResult;
let report: Report;

function keysOf(r: Report): string[] {
  return findingKeys(r.findings);
}

beforeAll(async () => {
  await buildOnce();
  workDir = mkdtempSync(join(tmpdir(), 'costguard-e2e-audit-'));
  moto = await startMoto();
  lab = await seedCostlyLab(moto.endpoint);
  full = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--format', 'json']);
  report = parseStdout<Report>(full);
  // A build (when dist/ is stale), moto's start and the seeding can take minutes on a busy 2-core machine.
}, 300_000);

afterAll(async () => {
  await moto?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('audit of a lab in three regions', () => {
  it('flags exactly the costly resources of the lab and none of the clean ones', () => {
    expect(keysOf(report)).toEqual(findingKeys(lab.expected));
    const flaggedIds = new Set(report.findings.map((f) => f.resourceId));
    for (const c of lab.clean) expect(flaggedIds.has(c.resourceId), `${c.resourceId} in ${c.region} is flagged although ${c.why}`).toBe(false);
  });

  it('writes the JSON report contract', () => {
    expect(schemaErrors(REPORT_SCHEMA, report)).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(report).toMatchObject({ tool: 'costguard', version: pkg.version, schemaVersion: 1 });
    expect(Math.abs(Date.now() - Date.parse(report.generatedAt))).toBeLessThan(10 * 60_000);
    expect(report.targets).toEqual([{ accountId: lab.accountId, source: 'default', regions: lab.regions }]);

    for (const f of report.findings) {
      expect(f.pack).toBe('free-tier');
      expect(f.accountId).toBe(lab.accountId);
      expect(SEVERITIES).toContain(f.severity);
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.remediation.length).toBeGreaterThan(0);
      expect(f.suppressed).toBeNull();
      expect(f.monthlyCostUsd === null || (typeof f.monthlyCostUsd === 'number' && f.monthlyCostUsd >= 0)).toBe(true);
      // Templates are fully rendered: no placeholders or JavaScript leftovers reach the user.
      for (const text of [f.title, f.message, f.remediation]) expect(text, f.ruleId).not.toMatch(/\{\{|\}\}|\bundefined\b|\bNaN\b|\[object Object\]/);
      // Per-resource fix commands name the resource and its region.
      if (f.region !== 'global' && f.resourceType !== 'elbv2:load-balancer') {
        expect(f.remediation, f.ruleId).toContain(f.resourceId);
        expect(f.remediation, f.ruleId).toContain(f.region);
      }
    }

    const s = report.summary;
    const bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, report.findings.filter((f) => f.severity === sev).length]));
    expect(s.bySeverity).toEqual(bySeverity);
    const total = report.findings.reduce((sum, f) => sum + (f.monthlyCostUsd ?? 0), 0);
    expect(s.monthlyCostUsd).toBeCloseTo(total, 2);
    expect(s.monthlyCostUsd).toBeGreaterThan(0);
    expect(s.rulesEvaluated).toBeGreaterThanOrEqual(19);
    expect(s.rulesNotEvaluated).toBe(MOTO_GAP_RULES.length);
    expect(s.apiCalls).toBeGreaterThan(0);
    expect(s.durationMs).toBeGreaterThan(0);
  });

  it('puts the numbers of account-wide aggregates in their messages', () => {
    const ebs = report.findings.find((f) => f.ruleId === 'ebs-free-tier-storage-exceeded');
    expect(ebs?.message).toContain(`${lab.totalVolumeGiB} GiB`);
    const lbs = report.findings.find((f) => f.ruleId === 'elb-free-hours-exceeded');
    expect(lbs?.message).toMatch(/\b2 load balancers\b/);
    expect(lbs?.message).toContain(lab.ids.idleAlb);
    expect(lbs?.message).toContain(lab.ids.busyAlb);
    const snaps = report.findings.find((f) => f.ruleId === 'ebs-snapshot-storage');
    expect(snaps?.message).toContain(lab.ids.snapshot);
  });

  it('reports what moto cannot serve as errors and not-evaluated rules, never as passed, and exits 3', () => {
    // moto 5.2.1 does not implement DescribeClientVpnEndpoints nor GetDefaultCreditSpecification: this is the
    // "errors are data" proof — the rules that needed the data are listed as not evaluated in each region.
    expect(full.code, describeRun(full)).toBe(3);
    for (const region of lab.regions) {
      const vpn = report.errors.find((e) => e.operation === 'ec2:DescribeClientVpnEndpoints' && e.region === region);
      expect(vpn, `no DescribeClientVpnEndpoints error in ${region}`).toBeDefined();
      expect(vpn?.accountId).toBe(lab.accountId);
      expect(vpn?.rulesNotEvaluated).toContain('vpc-client-vpn-endpoint');
      expect(vpn?.message.length).toBeGreaterThan(0);
      const credit = report.errors.find((e) => e.operation === 'ec2:GetDefaultCreditSpecification' && e.region === region);
      expect(credit?.rulesNotEvaluated).toContain('ec2-default-credit-unlimited');
    }
    expect(new Set(report.errors.map((e) => e.operation))).toEqual(new Set(MOTO_GAP_OPERATIONS));
    const notEvaluated = new Set(report.notEvaluated.map((n) => `${n.ruleId} ${n.region}`));
    for (const rule of MOTO_GAP_RULES) for (const region of lab.regions) expect(notEvaluated).toContain(`${rule} ${region}`);
    expect(new Set(report.notEvaluated.map((n) => n.ruleId))).toEqual(new Set(MOTO_GAP_RULES));
    expect(report.findings.filter((f) => (MOTO_GAP_RULES as readonly string[]).includes(f.ruleId))).toEqual([]);
  });

});

// Read-only runs against the same lab: they run concurrently (each is a separate CLI process).
describe.concurrent('exit codes, output modes and sources on the lab', () => {
  it('exits 1 with --fail-on high, even when some data is missing', async ({ expect }) => {
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--format', 'json', '--fail-on', 'high']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(parseStdout<Report>(run).findings.some((f) => f.severity === 'high')).toBe(true);
  });

  it('exits 0 with --fail-on critical when nothing is critical and everything was collected', async ({ expect }) => {
    // The moto gaps are skipped so that the run is complete; otherwise it would exit 3 (incomplete).
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--format', 'json', '--fail-on', 'critical', ...SKIP_MOTO_GAPS]);
    expect(run.code, describeRun(run)).toBe(0);
    const r = parseStdout<Report>(run);
    expect(r.summary.bySeverity.critical).toBe(0);
    expect(r.errors).toEqual([]);
    expect(r.notEvaluated).toEqual([]);
    expect(keysOf(r)).toEqual(findingKeys(lab.expected));
  });

  it('still exits 3 with --fail-on critical when data is missing: incomplete is not clean', async ({ expect }) => {
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--format', 'json', '--fail-on', 'critical']);
    expect(run.code, describeRun(run)).toBe(3);
  });

  it('--stats shows API calls by operation, and the number of calls does not depend on the resources', async ({ expect }) => {
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--format', 'table', '--stats', ...SKIP_MOTO_GAPS]);
    expect(run.code, describeRun(run)).toBe(0);
    for (const op of ['DescribeAddresses', 'DescribeVolumes', 'DescribeNatGateways', 'ListHostedZones', 'GetCallerIdentity']) {
      expect(run.stdout + run.stderr, op).toContain(op);
    }
    const byOp = new Map((report.summary.byOperation ?? []).map((o) => [`${o.service}:${o.operation}`, o]));
    // One call per region for each regional list, once per account for global ones.
    expect(byOp.get('ec2:DescribeAddresses')?.calls).toBe(lab.regions.length);
    expect(byOp.get('ec2:DescribeVolumes')?.calls).toBe(lab.regions.length);
    expect(byOp.get('route53:ListHostedZones')?.calls).toBe(1);
    const sum = [...byOp.values()].reduce((n, o) => n + o.calls, 0);
    expect(report.summary.apiCalls).toBe(sum);
  });

  it('--allow-partial exits 0 despite the missing data, and --json prints the report and nothing else on stdout', async ({ expect }) => {
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(lab.regions), '--json', '--allow-partial']);
    expect(run.code, describeRun(run)).toBe(0);
    const r = parseStdout<Report>(run);
    expect(r.tool).toBe('costguard');
    expect(keysOf(r)).toEqual(findingKeys(lab.expected));
    expect(r.errors.length).toBeGreaterThan(0);
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
    expect(run.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it('saves the inventory (exit 3: some data is missing) and audits it offline: same findings, zero API calls', async ({ expect }) => {
    const file = join(workDir, 'lab.json');
    const saved = await runCli(['inventory', ...regionFlags(lab.regions), '--output', file]);
    expect(saved.code, describeRun(saved)).toBe(3);
    expect(saved.stderr).toContain(file);
    const inventory = JSON.parse(readFileSync(file, 'utf8')) as Inventory;
    expect(schemaErrors(INVENTORY_SCHEMA, inventory)).toEqual([]);
    expect(inventory.resources.length).toBeGreaterThan(lab.expected.length);
    expect(inventory.errors.map((e) => e.operation)).toEqual(expect.arrayContaining([...MOTO_GAP_OPERATIONS]));

    // An unreachable endpoint proves nothing is called.
    const offline = await runCli(['audit', ...FREE_TIER_PACK, '--snapshot', file, '--format', 'json', '--allow-partial'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(offline.code, describeRun(offline)).toBe(0);
    const r = parseStdout<Report>(offline);
    expect(keysOf(r)).toEqual(keysOf(report));
    expect(r.summary.apiCalls).toBe(0);
    // The snapshot keeps its collection errors: the same rules stay not evaluated.
    expect(new Set(r.notEvaluated.map((n) => n.ruleId))).toEqual(new Set(MOTO_GAP_RULES));
  });

  it('without --region audits every enabled region of the partition, skipping GovCloud, China and not-opted-in regions', async ({ expect }) => {
    // moto's DescribeRegions returns 38 regions including us-gov-* and cn-*, and ignores the opt-in filter.
    const ec2 = awsClients(moto.endpoint).ec2;
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    ec2.destroy();
    const names = (all.Regions ?? []).map((r) => r.RegionName as string);
    expect(names.some((n) => n.startsWith('us-gov-'))).toBe(true);
    expect(names.some((n) => n.startsWith('cn-'))).toBe(true);
    const expectedRegions = (all.Regions ?? [])
      .filter((r) => r.OptInStatus !== 'not-opted-in')
      .map((r) => r.RegionName as string)
      .filter((n) => !n.startsWith('us-gov-') && !n.startsWith('cn-') && !/^[a-z]{2}-iso/.test(n))
      .sort();

    const run = await runCli(['audit', ...FREE_TIER_PACK, '--format', 'json', ...SKIP_MOTO_GAPS]);
    expect(run.code, describeRun(run)).toBe(0);
    const r = parseStdout<Report>(run);
    expect(r.errors).toEqual([]);
    expect([...r.targets[0].regions].sort()).toEqual(expectedRegions);
    for (const region of lab.regions) expect(r.targets[0].regions).toContain(region);
    // The lab's findings, and nothing from the regions it left empty.
    expect(keysOf(r)).toEqual(findingKeys(lab.expected));
  });
});

describe('audit of a clean account', () => {
  it('finds nothing and exits 0, even with --fail-on low', async () => {
    await moto.reset();
    const ids = await seedCleanLab(moto.endpoint, 'eu-west-1');
    const run = await runCli(['audit', ...FREE_TIER_PACK, ...regionFlags(['us-east-1', 'eu-west-1', 'ap-southeast-2']), '--format', 'json', '--fail-on', 'low', ...SKIP_MOTO_GAPS]);
    expect(run.code, describeRun(run)).toBe(0);
    const r = parseStdout<Report>(run);
    expect(r.findings).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.summary.monthlyCostUsd).toBe(0);
    expect(r.summary.bySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    // It did look at the resources (they are in the account), it just found nothing wrong.
    expect(r.summary.resources).toBeGreaterThanOrEqual(Object.keys(ids).length);
  });
});
