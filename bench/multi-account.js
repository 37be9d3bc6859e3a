// Benchmark: an audit of an Organization of 20 accounts x 2 regions on a local moto server, accounts
// one after another (--account-concurrency 1) against the default (4). Runs the built code in dist/:
//
//   npm run build && node bench/multi-account.js [--accounts 20] [--runs 2] [--concurrency 4] [--latency-ms 50]
//
// Needs python3 with moto[server] (see README). Prints both wall times and the speed-up, twice: against
// moto directly (moto answers in a few ms but serves calls one at a time under Python's GIL, so it
// measures moto's throughput more than ours), and through a proxy that adds --latency-ms to every call
// (a real AWS API round trip from a CI runner is tens of ms), which is where account concurrency pays.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AllocateAddressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto } from './moto-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGIONS = ['us-east-1', 'eu-west-1'];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

const ACCOUNTS = option('accounts', 20);
const RUNS = option('runs', 2);
const DEFAULT_CONCURRENCY = option('concurrency', 4);
const LATENCY_MS = option('latency-ms', 50);

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

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
