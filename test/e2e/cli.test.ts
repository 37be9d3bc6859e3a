// End to end, no emulator needed: the built CLI's exit codes, flag errors, input-file errors, the
// bundled demo and the missing-credentials path. Every run is its own process, so they run concurrently.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { buildOnce, describeRun, fixture, parseStdout, REPO_ROOT, REPORT_SCHEMA, runCli, schemaErrors } from './helpers/index.js';

/** No emulator in this file: anything that slipped through to the network would hit a closed port, never AWS. */
const NOWHERE = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };

/** 1-based line and column of the first occurrence of `token` in a fixture. */
function locate(file: string, token: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(token));
  if (line < 0) throw new Error(`${token} not in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(token) + 1 };
}

let workDir: string;
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(async () => {
  await buildOnce();
  workDir = mkdtempSync(join(tmpdir(), 'costguard-e2e-cli-'));
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.concurrent('help and version', () => {
  it('--help lists the commands and exits 0', async ({ expect }) => {
    const run = await runCli(['--help'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    for (const command of ['audit', 'inventory', 'policies']) expect(run.stdout).toContain(command);
  });

  it('--help reads package.json and the manifest once each, synchronously, and looks for no theme or user plugins', async ({ expect }) => {
    const run = await runCli(['--help'], { ...NOWHERE, NODE_OPTIONS: `-r ${JSON.stringify(fixture('log-file-reads.cjs'))}` });
    expect(run.code, describeRun(run)).toBe(0);
    const reads = run.stderr.split('\n').filter((l) => l.startsWith('read '));
    const of = (file: string) => reads.filter((l) => l.endsWith(`/${file}`) || l.endsWith(`\\${file}`));
    expect(of('oclif.manifest.json')).toEqual([expect.stringMatching(/^read readFileSync /)]);
    // One read by oclif (our entry reads it once too, with existsSync first).
    expect(of('package.json').filter((l) => !l.includes('existsSync'))).toHaveLength(2);
    expect(reads.filter((l) => l.startsWith('read promises.'))).toEqual([]);
    expect(reads.filter((l) => /theme\.json|package\.json[\\/]package\.json/.test(l))).toEqual([]);
  });

  it('--version prints the package version', async ({ expect }) => {
    const run = await runCli(['--version'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`costguard/${version}`);
  });

  it('audit --help documents the flags the README relies on', async ({ expect }) => {
    const run = await runCli(['audit', '--help'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    for (const flag of ['--region', '--fail-on', '--format', '--snapshot', '--demo', '--policy', '--allow-partial', '--stats', '--json']) {
      expect(run.stdout, flag).toContain(flag);
    }
  });
});

describe.concurrent('the bundled demo account', () => {
  it('audit --demo exits 0 and reports findings from several regions in the JSON contract (the default off a TTY)', async ({ expect }) => {
    const run = await runCli(['audit', '--demo'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    const report = parseStdout<Report>(run);
    expect(schemaErrors(REPORT_SCHEMA, report)).toEqual([]);
    expect(report.targets.map((t) => t.source)).toEqual(['demo']);
    const regions = new Set(report.findings.map((f) => f.region).filter((r) => r !== 'global'));
    expect(regions.size).toBeGreaterThanOrEqual(3);
    expect(report.findings.length).toBeGreaterThan(5);
    expect(report.errors).toEqual([]);
    expect(report.summary.apiCalls).toBe(0);
    expect(report.summary.monthlyCostUsd).toBeGreaterThan(0);
  });

  it('audit --demo --format table prints a summary and findings grouped by severity; --details adds their fix commands', async ({ expect }) => {
    const run = await runCli(['audit', '--demo', '--format', 'table'], { ...NOWHERE, COLUMNS: '100' });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/HIGH/);
    expect(run.stdout.split('\n')[0]).toBe('Account: my-lab-account (123456789012) · 4 regions · this machine: 2 findings');
    expect(run.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(120);
    const details = await runCli(['audit', '--demo', '--format', 'table', '--details'], NOWHERE);
    expect(details.stdout).toMatch(/Fix: aws /);
    expect(run.stdout).toMatch(/\$\d+\.\d\d/);
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-2'].filter((r) => run.stdout.includes(r));
    expect(regions.length).toBeGreaterThanOrEqual(3);
    // No colour codes off a TTY.
    expect(run.stdout.includes('\u001b[')).toBe(false);
  });

  it('--fail-on gates on severity: critical exits 1 on the demo (root without MFA), and 0 once that finding is suppressed', async ({ expect }) => {
    const suppressions = join(workDir, 'root-mfa.yml');
    writeFileSync(suppressions, 'suppressions:\n  - rule: iam-root-mfa-disabled\n    reason: the demo root user is a fixture\n  - rule: iam-role-trust-any-principal\n    reason: demo\n');
    const [critical, suppressed] = await Promise.all([
      runCli(['audit', '--demo', '--fail-on', 'critical'], NOWHERE),
      runCli(['audit', '--demo', '--fail-on', 'critical', '--suppressions', suppressions], NOWHERE),
    ]);
    expect(critical.code, describeRun(critical)).toBe(1);
    expect(parseStdout<Report>(critical).summary.bySeverity.critical).toBeGreaterThan(0);
    expect(suppressed.code, describeRun(suppressed)).toBe(0);
    expect(parseStdout<Report>(suppressed).findings.filter((f) => f.severity === 'critical' && !f.suppressed)).toEqual([]);
  });

  it('--output writes the report to a file and nothing to stdout', async ({ expect }) => {
    const file = join(workDir, 'out', 'report.json');
    const run = await runCli(['audit', '--demo', '--format', 'json', '--output', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(file, 'utf8')) as Report).tool).toBe('costguard');
  });

  it('--json prints only the JSON report on stdout', async ({ expect }) => {
    const run = await runCli(['audit', '--demo', '--json'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    expect(parseStdout<Report>(run).schemaVersion).toBe(1);
  });

  it('--json and --format json list the same findings in the same order', async ({ expect }) => {
    const [viaFlag, viaFormat] = await Promise.all([runCli(['audit', '--demo', '--json'], NOWHERE), runCli(['audit', '--demo', '--format', 'json'], NOWHERE)]);
    const order = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.accountId} ${f.region} ${f.resourceId}`);
    expect(order(parseStdout<Report>(viaFlag))).toEqual(order(parseStdout<Report>(viaFormat)));
    expect(order(parseStdout<Report>(viaFlag)).length).toBeGreaterThan(10);
  });

  it('--lang ko prints Korean text', async ({ expect }) => {
    const run = await runCli(['audit', '--demo', '--lang', 'ko', '--format', 'json'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    const report = parseStdout<Report>(run);
    expect(report.findings.some((f) => /[\uac00-\ud7a3]/.test(f.title))).toBe(true);
  });

  it('--policy adds the user pack to the built-in ones', async ({ expect }) => {
    const run = await runCli(['audit', '--demo', '--format', 'json', '--policy', fixture('my-pack.yml')], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    const report = parseStdout<Report>(run);
    const mine = report.findings.filter((f) => f.ruleId === 'my-gp2-volume');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.pack === 'my-checks' && f.resourceType === 'ec2:volume')).toBe(true);
    expect(report.findings.some((f) => f.pack === 'free-tier')).toBe(true);
  });
});

describe.concurrent('bad input files exit 2 and say where the problem is', () => {
  it('--policy with an unknown operator names file:line:col, the path in the file and a did-you-mean', async ({ expect }) => {
    const file = fixture('unknown-operator.yml');
    const { line, column } = locate(file, 'contian:');
    const run = await runCli(['audit', '--demo', '--policy', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${file}:${line}:${column}`);
    expect(run.stderr).toContain('rules[0].when[0].volumeType.contian');
    expect(run.stderr).toContain('unknown operator "contian"');
    expect(run.stderr).toContain('did you mean "contains"');
    expect(run.stdout).toBe('');
  });

  it('policies validate reports every problem of a file, not only the first', async ({ expect }) => {
    const file = fixture('many-errors.yml');
    const run = await runCli(['policies', 'validate', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    const out = run.stdout + run.stderr;
    const severty = locate(file, 'severty:');
    expect(out).toContain(`${file}:${severty.line}:${severty.column}`);
    expect(out).toContain('did you mean "severity"');
    expect(out).toContain(`${file}:${locate(file, 'greater:').line}:`);
    expect(out).toContain('unknown operator "greater"');
    expect(out).toContain(`${file}:${locate(file, 'severity: urgent').line}:`);
    expect(out).toContain('rules[2].severity');
  });

  it('policies validate accepts a valid pack', async ({ expect }) => {
    const run = await runCli(['policies', 'validate', fixture('my-pack.yml')], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('--snapshot of a file that is not JSON names the file', async ({ expect }) => {
    const file = fixture('broken-snapshot.json');
    const run = await runCli(['audit', '--snapshot', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/not valid JSON/);
    expect(run.stderr).toMatch(/costguard inventory --output/);
  });

  it('--snapshot of JSON that is not an inventory names the file and the path inside it', async ({ expect }) => {
    const file = fixture('wrong-snapshot.json');
    const run = await runCli(['audit', '--snapshot', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${file} at resources[0]`);
    expect(run.stderr).toContain('accountId');
  });

  it('--snapshot of a missing file names it', async ({ expect }) => {
    const file = join(workDir, 'no-such-snapshot.json');
    const run = await runCli(['audit', '--snapshot', file], NOWHERE);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('ENOENT');
  });
});

describe.concurrent('bad flags exit 2 with a message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['audit', '--demo', '--fail-on', 'bogus'], /Expected --fail-on=bogus to be one of: critical, high, medium, low/],
    [['audit', '--demo', '--bogus'], /unknown flag --bogus/],
    [['audit', '--region', 'nope'], /"nope" is not an AWS region name/],
    [['audit', '--snapshot', 'x.json', '--demo'], /cannot also be provided/],
    [['audit', '--demo', '--format', 'json', '--format', 'table'], /--output-dir/],
    [['audit', '--demo', '--format', 'xml'], /Expected --format=xml to be one of/],
    [['audit', '--demo', '--param', 'ebsFreeGiB'], /--param "ebsFreeGiB": expected name=value/],
    [['audit', '--demo', '--rule', 'ec2-eip-unatached'], /unknown rule id "ec2-eip-unatached" \(did you mean "ec2-eip-unattached"\?\)/],
    [['audit', '--demo', '--concurrency', '0'], /greater than or equal to 1/],
    [['policies', 'show', 'no-such-rule'], /no-such-rule/],
    [['nosuchcommand'], /nosuchcommand is not a costguard command/],
  ];
  for (const [args, message] of cases) {
    it(`costguard ${args.join(' ')}`, async ({ expect }) => {
      const run = await runCli(args, NOWHERE);
      expect(run.code, describeRun(run)).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }
});

describe.concurrent('other commands', () => {
  it('policies list shows the free-tier rules', async ({ expect }) => {
    const run = await runCli(['policies', 'list'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    for (const id of ['ec2-eip-unattached', 'vpc-nat-gateway', 'ebs-free-tier-storage-exceeded', 'secretsmanager-secret']) expect(run.stdout).toContain(id);
  });

  it('policies show explains one rule', async ({ expect }) => {
    const run = await runCli(['policies', 'show', 'ec2-eip-unattached'], NOWHERE);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('release-address');
  });
});

describe.concurrent('no usable credentials exit 4 with what to do next', () => {
  // Empty HOME (no ~/.aws), no keys in the environment, no instance metadata.
  const noCredentials = { ...NOWHERE, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_EC2_METADATA_DISABLED: 'true' };

  it('audit', async ({ expect }) => {
    const run = await runCli(['audit', '--region', 'us-east-1'], noCredentials);
    expect(run.code, describeRun(run)).toBe(4);
    expect(run.stderr).toMatch(/No usable AWS credentials/);
    expect(run.stderr).toMatch(/aws configure|aws sso login/);
    expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('audit --json puts the error in JSON on stdout', async ({ expect }) => {
    const run = await runCli(['audit', '--region', 'us-east-1', '--json'], noCredentials);
    expect(run.code, describeRun(run)).toBe(4);
    const body = parseStdout<{ error: { exitCode: number; hint?: string; message: string } }>(run);
    expect(body.error.exitCode).toBe(4);
    expect(body.error.hint).toMatch(/aws configure|aws sso login/);
  });

  it('inventory', async ({ expect }) => {
    const run = await runCli(['inventory', '--region', 'us-east-1'], noCredentials);
    expect(run.code, describeRun(run)).toBe(4);
    expect(run.stderr).toMatch(/No usable AWS credentials/);
  });
});
