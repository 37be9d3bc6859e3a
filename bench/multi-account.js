// Benchmark: auditing an Organization (issue 16, item 4). Two parts:
//
// 1. Organisation scale (the default): the built CLI (`costguard audit --org`) against bench/org-standin.js,
//    a stand-in endpoint of our own that plays Organizations, STS and the collection calls of the default
//    packs for BENCH_ACCOUNTS accounts (default 1,000) x BENCH_REGIONS regions (default 4), adding
//    BENCH_LATENCY_MS (default 50) to every call. Prints wall time, API calls (the CLI's count and the
//    endpoint's), the most calls the endpoint had in flight at once, and the CLI child's peak RSS
//    (/usr/bin/time's maximum resident set size, else the VmHWM of /proc/<pid>/status, sampled).
//    Goal on the 2-core container: under 5 minutes and under 1 GB.
//
//      npm run bench:accounts                       # 1,000 accounts x 4 regions
//      BENCH_ACCOUNTS=100 BENCH_REGIONS=2 node bench/multi-account.js
//      node bench/multi-account.js --accounts 200 --regions 4 --latency-ms 50 --account-concurrency 8 --json
//
// 2. `--moto`: an Organization of 20 accounts x 2 regions on a local moto server (python3 with
//    moto[server], see README), accounts one after another (--account-concurrency 1) against the
//    default (4), directly against moto and through a proxy that adds --latency-ms to every call.
//
//      node bench/multi-account.js --moto [--accounts 20] [--runs 2] [--concurrency 4] [--latency-ms 50]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AllocateAddressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { cliEnv, CLI_ROOT, runCliMeasured, startMoto } from './moto-server.js';
import { startOrgStandIn } from './org-standin.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGIONS = ['us-east-1', 'eu-west-1'];

function option(name, fallback, envName) {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i > 0 ? process.argv[i + 1] : envName ? process.env[envName] : undefined;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}${envName ? ` / ${envName}` : ''}: expected a whole number, got "${raw}"`);
  return n;
}

const MOTO = process.argv.includes('--moto');
const ACCOUNTS = option('accounts', MOTO ? 20 : 1000, 'BENCH_ACCOUNTS');
const RUNS = option('runs', MOTO ? 2 : 1, 'BENCH_RUNS');
const DEFAULT_CONCURRENCY = option('concurrency', 4);
const LATENCY_MS = option('latency-ms', 50, 'BENCH_LATENCY_MS');
const ORG_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'].slice(
  0,
  option('regions', 4, 'BENCH_REGIONS'),
);

/** A pass-through proxy that holds every request `ms` before forwarding it: a stand-in for network latency. */
async function startLatencyProxy(target, ms) {
  const upstream = new URL(target);
  const server = createHttpServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        forward.end(Buffer.concat(chunks));
      }, ms);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const clientConfig = (endpoint, region = 'us-east-1', credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }) => ({
  region,
  endpoint,
  credentials,
  maxAttempts: 1,
});

/** The management account plus ACCOUNTS-1 members, each with an unattached Elastic IP in both regions. */
async function seed(endpoint) {
  const org = new OrganizationsClient(clientConfig(endpoint));
  const sts = new STSClient(clientConfig(endpoint));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const members = [];
  for (let i = 1; i < ACCOUNTS; i++) {
    const out = await org.send(new CreateAccountCommand({ AccountName: `lab-${i}`, Email: `lab-${i}@example.com` }));
    members.push(out.CreateAccountStatus.AccountId);
  }
  for (const id of members) {
    const role = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, RoleSessionName: 'seed' }));
    const c = role.Credentials;
    for (const region of REGIONS) {
      const ec2 = new EC2Client(clientConfig(endpoint, region, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }));
      await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      ec2.destroy();
    }
  }
  org.destroy();
  sts.destroy();
  return members;
}

async function main() {
  // dist/app.js: the bundle's entry for the use cases (scripts/build.mjs)
  const auditModule = join(ROOT, 'dist', 'app.js');
  if (!existsSync(auditModule)) throw new Error('dist/ is missing: run `npm run build` first');
  const { runAudit } = await import(pathToFileURL(auditModule).href);

  const moto = await startMoto();
  const home = mkdtempSync(join(tmpdir(), 'costguard-bench-home-'));
  try {
    Object.assign(process.env, {
      HOME: home,
      USERPROFILE: home,
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) delete process.env[k];

    const seeded = Date.now();
    await seed(moto.endpoint);
    console.log(`seeded ${ACCOUNTS} accounts x ${REGIONS.length} regions on moto in ${Date.now() - seeded} ms`);

    let only; // undefined: the default packs
    const audit = async (accountConcurrency) => {
      const started = Date.now();
      const { report } = await runAudit({
        source: { kind: 'aws', targets: { org: true, accountConcurrency }, regions: REGIONS, concurrency: 8, accountConcurrency, maxAttempts: 1 },
        only,
      });
      const ms = Date.now() - started;
      const eips = report.findings.filter((f) => f.ruleId === 'ec2-eip-unattached').length;
      return { ms, accounts: report.targets.length, findings: report.findings.length, eips, apiCalls: report.summary.apiCalls, errors: report.errors.length };
    };

    const median = (xs) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : Math.round((sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
    };
    const compare = async (label) => {
      await audit(DEFAULT_CONCURRENCY); // warm-up: module loading, moto's lazy backends
      const times = { serial: [], parallel: [] };
      for (let run = 0; run < RUNS; run++) {
        for (const [key, c] of [['serial', 1], ['parallel', DEFAULT_CONCURRENCY]]) {
          const r = await audit(c);
          times[key].push(r.ms);
          console.log(`  run ${run + 1} --account-concurrency ${String(c).padEnd(2)} ${String(r.ms).padStart(6)} ms  (${r.accounts} accounts, ${r.apiCalls} API calls, ${r.eips} unattached EIPs, ${r.errors} errors)`);
        }
      }
      const serial = median(times.serial);
      const parallel = median(times.parallel);
      console.log(`  ${label}, median of ${RUNS}: one account after another (--account-concurrency 1) ${serial} ms; ` +
        `default (--account-concurrency ${DEFAULT_CONCURRENCY}) ${parallel} ms; speed-up ${(serial / parallel).toFixed(2)}x`);
      return { serial, parallel };
    };

    const rows = [];
    for (const scenario of [
      { label: 'default packs', only: undefined },
      { label: 'one rule (ec2-eip-unattached)', only: ['ec2-eip-unattached'] },
    ]) {
      only = scenario.only;
      for (const latency of LATENCY_MS > 0 ? [0, LATENCY_MS] : [0]) {
        const proxy = latency > 0 ? await startLatencyProxy(moto.endpoint, latency) : undefined;
        process.env.AWS_ENDPOINT_URL = proxy ? proxy.endpoint : moto.endpoint;
        const label = `${scenario.label}, ${latency > 0 ? `moto + ${latency} ms per call` : 'moto directly'}`;
        try {
          console.log(`\n${ACCOUNTS} accounts x ${REGIONS.length} regions, ${label}:`);
          rows.push({ label, ...(await compare(label)) });
        } finally {
          process.env.AWS_ENDPOINT_URL = moto.endpoint;
          await proxy?.close();
        }
      }
    }
    console.log('');
    console.log(`summary: ${ACCOUNTS} accounts x ${REGIONS.length} regions, median wall time of ${RUNS} runs`);
    for (const r of rows) {
      console.log(`  ${r.label.padEnd(58)} --account-concurrency 1: ${String(r.serial).padStart(6)} ms | ${DEFAULT_CONCURRENCY}: ${String(r.parallel).padStart(6)} ms | ${(r.serial / r.parallel).toFixed(2)}x`);
    }
  } finally {
    await moto.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Part 1: the built CLI against the stand-in Organization. */
async function orgScale() {
  if (!existsSync(join(CLI_ROOT, 'dist', 'commands.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const extra = (process.env.BENCH_AUDIT_ARGS ?? '').split(/\s+/).filter(Boolean);
  const accountConcurrency = process.argv.includes('--account-concurrency') ? option('account-concurrency', 4) : undefined;
  const args = [
    'audit', '--org', '--stats', '--format', 'json', '--no-local',
    ...ORG_REGIONS.flatMap((r) => ['--region', r]),
    ...(accountConcurrency ? ['--account-concurrency', String(accountConcurrency)] : []),
    ...extra,
  ];
  console.log(`costguard org-scale bench · node ${process.version} · ${ACCOUNTS} accounts x ${ORG_REGIONS.length} regions · ${LATENCY_MS} ms per call (bench/org-standin.js)`);
  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const standIn = await startOrgStandIn({ accounts: ACCOUNTS, regions: ORG_REGIONS, latencyMs: LATENCY_MS });
    const home = mkdtempSync(join(tmpdir(), 'costguard-bench-home-'));
    try {
      const standInCpu = process.cpuUsage(); // this process is the stand-in while the CLI runs
      const r = await runCliMeasured(args, cliEnv(standIn.endpoint, home), home);
      const endpointCpu = process.cpuUsage(standInCpu);
      let report;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        throw new Error(`audit did not print a JSON report (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
      }
      // BENCH_SAVE_REPORT=FILE keeps the CLI's JSON report (the last run's), e.g. to compare two builds.
      if (process.env.BENCH_SAVE_REPORT) writeFileSync(process.env.BENCH_SAVE_REPORT, r.stdout);
      const s = report.summary;
      const row = {
        accounts: ACCOUNTS,
        regions: ORG_REGIONS.length,
        latencyMs: LATENCY_MS,
        wallMs: Math.round(r.ms),
        cpuS: r.cpuS,
        endpointCpuS: Number(((endpointCpu.user + endpointCpu.system) / 1e6).toFixed(1)),
        peakRssMiB: Math.round(r.rssKb / 1024),
        // every process of the run together (--workers), sampled every 250 ms
        peakTotalRssMiB: Math.round(r.treeKb / 1024),
        apiCalls: s.apiCalls,
        endpointCalls: standIn.totalCalls,
        peakInFlight: standIn.peakInFlight,
        retries: s.retries,
        throttles: s.throttles,
        targets: report.targets.length,
        resources: s.resources,
        findings: s.findings,
        errors: report.errors.length,
        firstApiCallMs: s.firstApiCallMs,
        exit: r.code,
      };
      rows.push(row);
      const top = [...standIn.calls].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ');
      console.log(`run ${run + 1}: wall ${(row.wallMs / 1000).toFixed(1)} s${row.cpuS !== undefined ? `, CPU ${row.cpuS.toFixed(1)} s` : ''}, peak RSS ${row.peakRssMiB} MiB (all processes together ${row.peakTotalRssMiB} MiB), ` +
        `${row.apiCalls} API calls (endpoint saw ${row.endpointCalls}, at most ${row.peakInFlight} at once, using ${row.endpointCpuS} s CPU), ${row.retries} retries, ${row.throttles} throttles`);
      console.log(`       ${row.targets} accounts audited, ${row.resources} resources, ${row.findings} findings, ${row.errors} errors, exit ${row.exit}; top calls: ${top}`);
      const errorCodes = new Map();
      for (const e of report.errors) errorCodes.set(`${e.operation} ${e.code}`, (errorCodes.get(`${e.operation} ${e.code}`) ?? 0) + 1);
      if (errorCodes.size) console.log(`       errors: ${[...errorCodes].map(([k, v]) => `${k} x${v}`).join(', ')}`);
    } finally {
      await standIn.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  const med = (k) => {
    const xs = rows.map((r) => r[k]).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  };
  console.log(`median of ${RUNS}: wall ${(med('wallMs') / 1000).toFixed(1)} s (goal < 300 s), peak RSS ${med('peakRssMiB')} MiB, all processes together ${med('peakTotalRssMiB')} MiB (goal < 1024 MiB), ${med('apiCalls')} API calls`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
}

(MOTO ? main() : orgScale()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
