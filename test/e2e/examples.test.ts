// The shipped examples (examples/cron.sh, examples/github-actions.yml) work from their first run:
// each runs twice against moto with a `costguard` on PATH. The first run has no baseline (every
// finding is new) and writes the report and the baseline; the second compares against it.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllocateAddressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { REPO_ROOT, buildOnce, cliEnv, cliRoot, seedClientConfig, startMoto, type MotoServer } from './helpers/index.js';

/** The packs the examples audit here: empty means every default pack, as the examples run by default. */
const EXAMPLE_PACKS = '';

let moto: MotoServer;
let work: string;
let binDir: string;

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  work = mkdtempSync(join(tmpdir(), 'costguard-e2e-examples-'));
  // `costguard` on PATH: the built CLI.
  binDir = join(work, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'costguard'), `#!/bin/sh\nexec "${process.execPath}" "${join(cliRoot(), 'bin', 'run.js')}" "$@"\n`);
  chmodSync(join(binDir, 'costguard'), 0o755);
  const ec2 = new EC2Client(seedClientConfig(moto.endpoint));
  await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })); // a high finding: ec2-eip-unattached
  ec2.destroy();
  const org = new OrganizationsClient(seedClientConfig(moto.endpoint));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  org.destroy();
}, 300_000);

afterAll(async () => {
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string | undefined>, cwd: string): { code: number; out: string } {
  const r = spawnSync('bash', [...args, script], { cwd, env: cliEnv({ PATH: `${binDir}:${process.env.PATH ?? ''}`, ...env }), encoding: 'utf8', timeout: 480_000 });
  return { code: r.status ?? -1, out: `${r.stdout}\n${r.stderr}` };
}

function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

describe('examples/cron.sh', () => {
  it('writes the report, the metrics and the baseline on its first run, and compares with them on the second', () => {
    const state = join(work, 'cron-state');
    const textfiles = join(work, 'cron-textfiles');
    const env = { COSTGUARD_STATE_DIR: state, COSTGUARD_TEXTFILE_DIR: textfiles, COSTGUARD_REGIONS: 'us-east-1', COSTGUARD_PACKS: EXAMPLE_PACKS };
    const script = join(REPO_ROOT, 'examples/cron.sh');

    const first = run(script, [], env, work);
    expect(first.code, first.out).toBe(1); // no baseline: every finding is new, and the EIP is high
    expect(first.out).not.toContain('must be provided');
    const day = readdirSync(state).find((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(day, first.out).toBeDefined();
    expect(existsSync(join(state, day!.replace('.json', '.md')))).toBe(true);
    const baseline = readReport(join(state, 'latest.json'));
    expect(baseline.findings.some((f) => f.ruleId === 'ec2-eip-unattached')).toBe(true);
    expect(baseline.baseline).toBeUndefined();
    const metrics = readFileSync(join(textfiles, 'costguard.prom'), 'utf8');
    expect(metrics).toMatch(/^costguard_last_exit_code 1$/m);
    expect(metrics).toMatch(/^costguard_findings\{/m);

    const second = run(script, [], env, work);
    expect(second.code, second.out).not.toBe(1); // nothing new since the first run
    expect([0, 3]).toContain(second.code);
    const compared = readReport(join(state, 'latest.json'));
    expect(compared.baseline, JSON.stringify(compared.baseline)).toMatchObject({ new: 0 });
    expect(compared.findings.filter((f) => f.change === 'unchanged').map((f) => f.ruleId)).toContain('ec2-eip-unattached');
    expect(readFileSync(join(textfiles, 'costguard.prom'), 'utf8')).toMatch(new RegExp(`^costguard_last_exit_code ${second.code}$`, 'm'));
  });
});

interface Step {
  name?: string;
  uses?: string;
  id?: string;
  env?: Record<string, string>;
  run?: string;
}

describe('examples/github-actions.yml', () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, 'examples/github-actions.yml'), 'utf8')) as { jobs: { audit: { steps: Step[] } } };
  const steps = workflow.jobs.audit.steps;

  it('installs costguard from a release tarball (npm pack), never the unpublished registry name', () => {
    const install = steps.find((s) => s.name === 'Install costguard')?.run ?? '';
    expect(install).toMatch(/gh release download .*--pattern 'costguard-\*\.tgz'/);
    expect(install).toMatch(/npm install --global "\$RUNNER_TEMP"\/costguard\/costguard-\*\.tgz/);
    expect(install).not.toMatch(/npm (install|i) (--global |-g )?costguard(\s|$)/);
  });

  it('runs its shell steps twice: the first run (no previous artifact) writes the reports, the second uses them as baseline', () => {
    const ws = join(work, 'gha');
    const artifacts = join(work, 'gha-artifacts');
    mkdirSync(ws, { recursive: true });
    mkdirSync(artifacts, { recursive: true });
    // A fake `gh` that serves the artifacts of earlier runs (run list / run download).
    const fakeBin = join(work, 'gha-bin');
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(
      join(fakeBin, 'gh'),
      `#!/bin/sh
set -e
if [ "$1 $2" = "run list" ]; then ls -1r "${artifacts}"; exit 0; fi
if [ "$1 $2" = "run download" ]; then
  id="$3"; dir=""
  while [ $# -gt 0 ]; do if [ "$1" = "--dir" ]; then dir="$2"; fi; shift; done
  [ -d "${artifacts}/$id" ] || exit 1
  mkdir -p "$dir"; cp -R "${artifacts}/$id/." "$dir/"; exit 0
fi
echo "fake gh: unsupported $*" >&2; exit 2
`,
    );
    chmodSync(join(fakeBin, 'gh'), 0o755);

    const runOnce = (runId: number): { outputs: Record<string, Record<string, string>>; codes: Record<string, number>; logs: string } => {
      rmSync(join(ws, 'out'), { recursive: true, force: true });
      rmSync(join(ws, 'baseline'), { recursive: true, force: true });
      const outputs: Record<string, Record<string, string>> = {};
      const codes: Record<string, number> = {};
      let logs = '';
      const summary = join(work, `summary-${runId}.md`);
      for (const step of steps) {
        if (step.uses?.startsWith('actions/upload-artifact@')) {
          // What the artifact step keeps: out/ under this run's id.
          if (existsSync(join(ws, 'out', 'costguard-report.json'))) cpSync(join(ws, 'out'), join(artifacts, String(runId)), { recursive: true });
          continue;
        }
        if (!step.run || step.name === 'Install costguard') continue; // costguard is already on PATH
        const outputFile = join(work, `output-${runId}-${step.id ?? 'x'}`);
        writeFileSync(outputFile, '');
        const expr = (value: string): string =>
          value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
            const m = /^steps\.(\w+)\.outputs\.(\w+)$/.exec(e);
            if (m) return outputs[m[1]]?.[m[2]] ?? '';
            if (e === 'github.token') return 'fake-token';
            if (e === 'vars.COSTGUARD_REGIONS') return 'us-east-1';
            if (e === 'vars.COSTGUARD_PACKS') return EXAMPLE_PACKS;
            return '';
          });
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))]));
        const script = join(work, `step-${runId}-${step.id ?? steps.indexOf(step)}.sh`);
        writeFileSync(script, expr(step.run));
        const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
          cwd: ws,
          encoding: 'utf8',
          timeout: 480_000,
          env: cliEnv({
            ...env,
            PATH: `${fakeBin}:${binDir}:${process.env.PATH ?? ''}`,
            GITHUB_OUTPUT: outputFile,
            GITHUB_STEP_SUMMARY: summary,
            GITHUB_REPOSITORY: 'example/lab',
            GITHUB_WORKFLOW: 'costguard audit',
            GITHUB_REF_NAME: 'main',
          }),
        });
        logs += `--- ${step.name} (exit ${r.status}${r.error ? `, ${r.error.message}` : ''})\n${r.stdout}\n${r.stderr.slice(-2000)}\n`;
        codes[step.name ?? ''] = r.status ?? -1;
        if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      }
      return { outputs, codes, logs };
    };

    const first = runOnce(1);
    expect(first.outputs.baseline?.file ?? '', first.logs).toBe('');
    expect(first.outputs.audit?.code, first.logs).toBe('1'); // every finding is new on the first run
    expect(existsSync(join(artifacts, '1', 'costguard-report.json')), first.logs).toBe(true);
    expect(existsSync(join(artifacts, '1', 'costguard-report.sarif'))).toBe(true);
    expect(readFileSync(join(work, 'summary-1.md'), 'utf8')).toContain('costguard');
    expect(first.codes['Fail on new high findings or an incomplete audit']).toBe(1);

    const second = runOnce(2);
    expect(second.outputs.baseline?.file, second.logs).toBe('baseline/costguard-report.json');
    expect(['0', '3'], second.logs).toContain(second.outputs.audit?.code);
    const report = readReport(join(artifacts, '2', 'costguard-report.json'));
    expect(report.baseline).toMatchObject({ new: 0, resolved: 0 });
  });
});
