// The installed `costguard` bin works: `npm pack` the built package, install the tarball into an empty
// folder the way a user does, and run the bin from node_modules/.bin. The install reads packages from
// the npm cache that `npm ci` warmed (--prefer-offline) and touches no other network.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce } from './helpers/build.js';
import { cliEnv } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/paths.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let bin: string;

beforeAll(async () => {
  await buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'costguard-pack-'));
  execFileSync(NPM, ['pack', '--pack-destination', dir, '--silent'], { cwd: REPO_ROOT, stdio: 'pipe' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'costguard-install-check', private: true }));
  execFileSync(NPM, ['install', join(dir, tarball), '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: app,
    stdio: 'pipe',
  });
  bin = join(app, 'node_modules', '.bin', 'costguard');
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function costguard(args: string[]) {
  // From the install folder, not the checkout: nothing of the working tree is on the way.
  return spawnSync(bin, args, { cwd: join(dir, 'app'), env: cliEnv({ AWS_ENDPOINT_URL: undefined }), encoding: 'utf8', timeout: 120_000 });
}

describe('the installed costguard bin', () => {
  it('prints the help with every command', () => {
    const r = costguard(['--help']);
    expect(r.status, r.stderr).toBe(0);
    for (const command of ['audit', 'inventory', 'nuke', 'accounts', 'policies', 'report']) expect(r.stdout).toContain(command);
  });

  it('audits the bundled demo account and writes the JSON report', () => {
    const r = costguard(['audit', '--demo', '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as { tool: string; findings: Array<{ ruleId: string }>; summary: { resources: number } };
    expect(report.tool).toBe('costguard');
    expect(report.summary.resources).toBeGreaterThan(0);
    expect(report.findings.map((f) => f.ruleId)).toContain('ec2-eip-unattached');
  });
});
