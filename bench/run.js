// Benchmark: `costguard audit` of one account with many resources in several regions, on a local moto
// server, and the CLI's start-up time. Runs the built CLI (bin/run.js + dist/):
//
//   npm run bench                                   # = npm run build && node bench/run.js
//   BENCH_REGIONS=4 BENCH_PER_REGION=500 node bench/run.js
//   node bench/run.js --regions 2 --per-region 100 --runs 3 --json
//
// Options (flag, or environment variable):
//   --regions N      BENCH_REGIONS      regions to seed and audit (default 4)
//   --per-region N   BENCH_PER_REGION   resources seeded per region (default 500)
//   --runs N         BENCH_RUNS         timed audit runs (default 1; the best and median are shown)
//   --concurrency N  BENCH_SEED_CONCURRENCY  seeding calls in flight (default 16)
//   --json                              also print the figures as one JSON line
//   --ops                               print the API calls of every operation
//   BENCH_AUDIT_ARGS                    extra audit arguments, e.g. "--pack free-tier"
//   BENCH_CLI_ROOT                      run the built package in this folder instead of this checkout
//
// The mix per region: 50% EBS volumes, 20% Elastic IPs, 20% snapshots, 10% Secrets Manager secrets
// (cheap to create in moto, no VPC or security group needed). Needs python3 with moto[server].
// moto serves calls one at a time under Python's GIL: the wall time measures moto's throughput as much
// as ours; the API-call count is the figure that carries over to real AWS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllocateAddressCommand, CreateSnapshotCommand, CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import pLimit from 'p-limit';
import { CLI_ROOT, cliEnv, runCli, runCliMeasured, startMoto } from './moto-server.js';

const ALL_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];

function option(name, envName, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i > 0 ? process.argv[i + 1] : process.env[envName];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} / ${envName}: expected a positive integer, got "${raw}"`);
  return n;
}

const REGION_COUNT = option('regions', 'BENCH_REGIONS', 4);
const PER_REGION = option('per-region', 'BENCH_PER_REGION', 500);
const RUNS = option('runs', 'BENCH_RUNS', 1);
const SEED_CONCURRENCY = option('concurrency', 'BENCH_SEED_CONCURRENCY', 16);
const PRINT_JSON = process.argv.includes('--json');
const PRINT_OPS = process.argv.includes('--ops');
const EXTRA_AUDIT_ARGS = (process.env.BENCH_AUDIT_ARGS ?? '').split(/\s+/).filter(Boolean);
if (REGION_COUNT > ALL_REGIONS.length) throw new Error(`at most ${ALL_REGIONS.length} regions`);
const REGIONS = ALL_REGIONS.slice(0, REGION_COUNT);

function clientConfig(endpoint, region) {
  return { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 3 };
}

/** How many of each kind one region gets: 50% volumes, 20% EIPs, 20% snapshots, 10% secrets (sums to n). */
export function mix(n) {
  const eips = Math.floor(n * 0.2);
  const snapshots = Math.floor(n * 0.2);
  const secrets = Math.floor(n * 0.1);
  return { volumes: n - eips - snapshots - secrets, eips, snapshots, secrets };
}

async function seedRegion(endpoint, region, n, limit) {
  const ec2 = new EC2Client(clientConfig(endpoint, region));
  const sm = new SecretsManagerClient(clientConfig(endpoint, region));
  const m = mix(n);
  try {
    const volumeIds = await Promise.all(
      Array.from({ length: m.volumes }, (_, i) =>
        limit(async () => {
          const out = await ec2.send(
            new CreateVolumeCommand({
              AvailabilityZone: `${region}a`,
              Size: 1 + (i % 16),
              VolumeType: i % 3 === 0 ? 'gp2' : 'gp3',
              TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: `bench-${i}` }] }],
            }),
          );
          return out.VolumeId;
        }),
      ),
    );
    await Promise.all([
      ...Array.from({ length: m.eips }, () => limit(() => ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })))),
      ...Array.from({ length: m.snapshots }, (_, i) =>
        limit(() => ec2.send(new CreateSnapshotCommand({ VolumeId: volumeIds[i % volumeIds.length], Description: `bench ${i}` }))),
      ),
      ...Array.from({ length: m.secrets }, (_, i) =>
        limit(() => sm.send(new CreateSecretCommand({ Name: `bench/${region}/${i}`, SecretString: 'x' }))),
      ),
    ]);
    return m;
  } finally {
    ec2.destroy();
    sm.destroy();
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  if (!existsSync(join(CLI_ROOT, 'oclif.manifest.json')) || !existsSync(join(CLI_ROOT, 'dist', 'commands.js'))) {
    throw new Error('build first: npm run build (npm run bench does it)');
  }
  const py = spawnSync(process.env.PYTHON ?? 'python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' });
  const motoVersion = py.status === 0 ? py.stdout.trim() : undefined;
  if (!motoVersion) throw new Error("moto is not installed: python3 -m pip install 'moto[server]>=5.1.12'");

  const home = mkdtempSync(join(tmpdir(), 'costguard-bench-home-'));
  const moto = await startMoto();
  try {
    console.log(`costguard bench · moto ${motoVersion} · node ${process.version} · ${REGION_COUNT} regions × ${PER_REGION} resources`);

    const seedStarted = Date.now();
    const limit = pLimit(SEED_CONCURRENCY);
    const mixes = await Promise.all(REGIONS.map((r) => seedRegion(moto.endpoint, r, PER_REGION, limit)));
    const seeded = mixes.reduce((n, m) => n + m.volumes + m.eips + m.snapshots + m.secrets, 0);
    const seedMs = Date.now() - seedStarted;
    const m = mixes[0];
    console.log(`seeded ${seeded} resources in ${fmt(seedMs)} (per region: ${m.volumes} volumes, ${m.eips} EIPs, ${m.snapshots} snapshots, ${m.secrets} secrets)`);

    const env = cliEnv(moto.endpoint, home);
    const auditArgs = ['audit', '--stats', '--format', 'json', ...REGIONS.flatMap((r) => ['--region', r]), ...EXTRA_AUDIT_ARGS];
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await runCliMeasured(auditArgs, env, home);
      let report;
      try {
        report = JSON.parse(run.stdout);
      } catch {
        throw new Error(`audit did not print a JSON report (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
      }
      runs.push({ ms: run.ms, cpuS: run.cpuS, rssKb: run.rssKb, code: run.code, report });
      console.log(`  run ${i + 1}: wall ${fmt(run.ms)}${run.cpuS !== undefined ? `, CPU (user + sys) ${run.cpuS.toFixed(2)} s` : ''}${run.rssKb ? `, peak RSS ${Math.round(run.rssKb / 1024)} MiB` : ''}, exit ${run.code}`);
    }
    const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const { summary } = best.report;
    const wallMs = best.ms;
    const resources = summary.resources;
    const perSecond = resources / (wallMs / 1000);
    const topOps = [...(summary.byOperation ?? [])].sort((a, b) => b.calls - a.calls).slice(0, 8);

    const help = [];
    for (let i = 0; i < 5; i++) help.push((await runCli(['--help'], env)).ms);

    console.log('');
    console.log(`audit: costguard ${auditArgs.join(' ')}`);
    console.log(`  wall time          ${fmt(wallMs)}${RUNS > 1 ? ` (best of ${RUNS}; median ${fmt(median(runs.map((r) => r.ms)))})` : ''}`);
    console.log(`  in-process time    ${fmt(summary.durationMs)} (report summary.durationMs)`);
    const cpus = runs.map((r) => r.cpuS).filter((c) => c !== undefined);
    if (cpus.length) console.log(`  CPU (user + sys)   median ${cpus.length ? median(cpus).toFixed(2) : '?'} s of ${cpus.length} runs (min ${Math.min(...cpus).toFixed(2)} s, max ${Math.max(...cpus).toFixed(2)} s; target ≤ 1.5 s)`);
    if (summary.firstApiCallMs !== undefined) console.log(`  first API call     ${fmt(summary.firstApiCallMs)} after the process started (summary.firstApiCallMs; target ≤ 0.5 s)`);
    console.log(`  resources          ${resources} collected (${seeded} seeded)`);
    console.log(`  API calls          ${summary.apiCalls} (retries ${summary.retries}, throttles ${summary.throttles})`);
    console.log(`  resources/second   ${perSecond.toFixed(0)}`);
    console.log(`  findings           ${summary.findings} · $${summary.monthlyCostUsd}/month · exit ${best.code}${best.code === 3 ? ' (moto lacks some operations; see bench/README.md)' : ''}`);
    console.log(`  top operations     ${topOps.map((o) => `${o.service}:${o.operation} ${o.calls}`).join(', ')}`);
    if (PRINT_OPS) {
      for (const o of [...(summary.byOperation ?? [])].sort((a, b) => `${a.service}:${a.operation}`.localeCompare(`${b.service}:${b.operation}`))) {
        console.log(`    ${`${o.service}:${o.operation}`.padEnd(56)} ${String(o.calls).padStart(4)} calls${o.errors ? `, ${o.errors} failed` : ''}`);
      }
    }
    console.log(`start-up: costguard --help × 5: median ${fmt(median(help))}, min ${fmt(Math.min(...help))}, max ${fmt(Math.max(...help))}`);

    if (PRINT_JSON) {
      console.log(
        JSON.stringify({
          regions: REGION_COUNT,
          perRegion: PER_REGION,
          seeded,
          seedMs,
          wallMs: Math.round(wallMs),
          cpuS: cpus.length ? Number(median(cpus).toFixed(2)) : undefined,
          durationMs: summary.durationMs,
          firstApiCallMs: summary.firstApiCallMs,
          resources,
          apiCalls: summary.apiCalls,
          resourcesPerSecond: Math.round(perSecond),
          exitCode: best.code,
          helpMs: help.map(Math.round),
        }),
      );
    }
  } finally {
    await moto.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
