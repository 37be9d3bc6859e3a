// End to end, no emulator: did-you-mean for misspelt commands and flags, --region/--shard on the demo,
// and `report merge` of two region shards of the demo rendering the single run's SARIF rules.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, runCli } from './helpers/index.js';

const NOWHERE = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
let workDir: string;

beforeAll(async () => {
  await buildOnce();
  workDir = mkdtempSync(join(tmpdir(), 'costguard-e2e-typos-'));
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function driverRules(file: string): unknown[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { runs: Array<{ tool: { driver: { rules: unknown[] } } }> }).runs[0].tool.driver.rules;
}

describe('did-you-mean on the command line', () => {
  it('a misspelt command: exit 2 and the command it resembles, no usage dump', async () => {
    const run = await runCli(['audti'], NOWHERE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('audti is not a costguard command (did you mean audit?)');
    expect(run.stderr.split('\n').length).toBeLessThan(6);
  });

  it('a misspelt flag: exit 2 and the flag it resembles', async () => {
    const run = await runCli(['audit', '--demo', '--fromat', 'json'], NOWHERE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown flag --fromat (did you mean --format?)');
    expect(run.stderr).not.toContain('USAGE');
    const region = await runCli(['audit', '--demo', '--regoin', 'us-east-1'], NOWHERE);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('unknown flag --regoin (did you mean --region?)');
  });

  it('nuke --findings names the unknown value and suggests the pack', async () => {
    const run = await runCli(['nuke', '--findings', 'free-tre'], NOWHERE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--findings "free-tre" is not a pack name or rule id (did you mean "free-tier"?)');
  });
});

describe('--region and --shard with --demo', () => {
  it('an unknown region is exit 2 with a did-you-mean', async () => {
    const run = await runCli(['audit', '--demo', '--region', 'us-est-1', '--format', 'json'], NOWHERE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--region us-est-1: the demo holds no region of that name (did you mean us-east-1?)');
  });

  it('an empty shard says so, exit 0', async () => {
    const run = await runCli(['audit', '--demo', '--shard', '2/2', '--format', 'table'], { ...NOWHERE, COLUMNS: '120' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Shard 2/2 holds no account (the run reaches 1 account in all)');
    expect(run.stdout).not.toContain('No findings');
  });

  it('report merge of two region shards renders the single run\'s SARIF rules', async () => {
    const single = join(workDir, 'single.sarif');
    expect((await runCli(['audit', '--demo', '--format', 'sarif', '--output', single], NOWHERE)).code).toBe(0);
    const east = join(workDir, 'east.json');
    const west = join(workDir, 'west.json');
    const merged = join(workDir, 'merged.sarif');
    expect((await runCli(['audit', '--demo', '--region', 'us-east-1', '--format', 'json', '--output', east], NOWHERE)).code).toBe(0);
    expect((await runCli(['audit', '--demo', '--region', 'us-west-2', '--region', 'eu-west-1', '--region', 'ap-northeast-2', '--format', 'json', '--output', west], NOWHERE)).code).toBe(0);
    const merge = await runCli(['report', 'merge', east, west, '--format', 'sarif', '--output', merged], NOWHERE);
    expect(merge.code, merge.stderr).toBe(0);
    expect(driverRules(merged)).toEqual(driverRules(single));
  });
});
