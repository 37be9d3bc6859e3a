// Benchmark: `costguard nuke` of 1,000+ resources over 4 regions of one account on a local moto server.
// Runs the built CLI (bin/run.js + dist/):
//
//   npm run build && node bench/nuke.js
//   node bench/nuke.js --regions 4 --per-region 250 --concurrency 16 --json
//
// Options (flag, or environment variable):
//   --regions N       BENCH_REGIONS          regions to seed and nuke (default 4)
//   --per-region N    BENCH_PER_REGION       resources seeded per region (default 250)
//   --objects N       BENCH_OBJECTS          objects in the one S3 bucket of each region (default 500)
//   --concurrency N   BENCH_NUKE_CONCURRENCY deletions in flight (costguard nuke --concurrency; default 16)
//   --json                                   also print the figures as one JSON line
//   BENCH_CLI_ROOT                           run the built package in this folder instead of this checkout
//
// Each region gets a mix of what a lab leaves behind: security groups, key pairs, EBS volumes, Elastic
// IPs, SQS queues, SNS topics, log groups, and one S3 bucket holding `--objects` objects (emptied with
// 1,000-key batch deletes), all tagged bench=nuke. The run: a dry run (the plan), the real run
// (--no-dry-run --confirm-account), then a second dry run that must plan nothing. Printed: wall time
// and API calls of each, deletions per second, and the receipt's counts. Needs python3 with moto[server].
// moto serves one call at a time under Python's GIL: wall times measure moto as much as costguard; the
// API-call counts carry over to real AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AllocateAddressCommand, CreateKeyPairCommand, CreateSecurityGroupCommand, CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutBucketTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import pLimit from 'p-limit';
import { cliEnv, runCli, startMoto } from './moto-server.js';

const ALL_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];
const ACCOUNT = '123456789012';
const TAG = [{ Key: 'bench', Value: 'nuke' }];

function option(name, envName, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i > 0 ? process.argv[i + 1] : process.env[envName];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} / ${envName}: expected a positive integer, got "${raw}"`);
  return n;
}

function clientConfig(endpoint, region) {
  return { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 3 };
}

/** How many of each kind one region gets (sums to n - 1; the last one is the S3 bucket). */
export function nukeMix(n) {
  const rest = Math.max(0, n - 1);
  const share = (p) => Math.floor(rest * p);
  const m = { securityGroups: share(0.2), keyPairs: share(0.2), volumes: share(0.15), eips: share(0.1), queues: share(0.1), topics: share(0.1), logGroups: 0, buckets: 1 };
  m.logGroups = rest - (m.securityGroups + m.keyPairs + m.volumes + m.eips + m.queues + m.topics);
  return m;
}

async function seedRegion(endpoint, region, n, objects, limit) {
  const c = clientConfig(endpoint, region);
  const ec2 = new EC2Client(c);
  const s3 = new S3Client(c);
  const sqs = new SQSClient(c);
  const sns = new SNSClient(c);
  const logs = new CloudWatchLogsClient(c);
  const m = nukeMix(n);
  const times = (k, fn) => Array.from({ length: k }, (_, i) => limit(() => fn(i)));
  try {
    const bucket = `bench-nuke-${region}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: TAG } }));
    await Promise.all([
      ...times(objects, (i) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `obj/${i}`, Body: 'x' }))),
      ...times(m.securityGroups, (i) => ec2.send(new CreateSecurityGroupCommand({ GroupName: `bench-${i}`, Description: 'bench', TagSpecifications: [{ ResourceType: 'security-group', Tags: TAG }] }))),
      ...times(m.keyPairs, (i) => ec2.send(new CreateKeyPairCommand({ KeyName: `bench-${i}`, TagSpecifications: [{ ResourceType: 'key-pair', Tags: TAG }] }))),
      ...times(m.volumes, (i) => ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 1 + (i % 8), VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: TAG }] }))),
      ...times(m.eips, () => ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: TAG }] }))),
      ...times(m.queues, (i) => sqs.send(new CreateQueueCommand({ QueueName: `bench-${i}`, tags: { bench: 'nuke' } }))),
      ...times(m.topics, (i) => sns.send(new CreateTopicCommand({ Name: `bench-${i}`, Tags: TAG }))),
      ...times(m.logGroups, (i) => logs.send(new CreateLogGroupCommand({ logGroupName: `/bench/${i}`, tags: { bench: 'nuke' } }))),
    ]);
    return m;
  } finally {
    for (const client of [ec2, s3, sqs, sns, logs]) client.destroy();
  }
}

function parse(run, what) {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`${what}: exit ${run.code}, stdout is not JSON\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Seed, plan, nuke, re-plan; returns the figures. */
export async function nukeBench(options = {}) {
  const regionCount = options.regions ?? option('regions', 'BENCH_REGIONS', 4);
  const perRegion = options.perRegion ?? option('per-region', 'BENCH_PER_REGION', 250);
  const objects = options.objects ?? option('objects', 'BENCH_OBJECTS', 500);
  const concurrency = options.concurrency ?? option('concurrency', 'BENCH_NUKE_CONCURRENCY', 16);
  const regions = ALL_REGIONS.slice(0, regionCount);
  const home = mkdtempSync(join(tmpdir(), 'costguard-bench-nuke-'));
  const moto = await startMoto();
  try {
    const seedStarted = Date.now();
    const limit = pLimit(16);
    const mixes = await Promise.all(regions.map((r) => seedRegion(moto.endpoint, r, perRegion, objects, limit)));
    const seeded = mixes.reduce((n, m) => n + Object.values(m).reduce((a, b) => a + b, 0), 0);
    const seedMs = Date.now() - seedStarted;
    const env = cliEnv(moto.endpoint, home);
    const base = ['nuke', '--tag', 'bench=nuke', ...regions.flatMap((r) => ['--region', r]), '--format', 'json'];

    const dry = await runCli(base, env);
    const plan = parse(dry, 'dry run');
    const real = await runCli([...base, '--no-dry-run', '--confirm-account', ACCOUNT, '--concurrency', String(concurrency)], env);
    const receipt = parse(real, 'real run');
    const again = await runCli(base, env);
    const second = parse(again, 'second dry run');
    return {
      regions: regionCount,
      seeded,
      objectsPerBucket: objects,
      seedMs,
      dryRun: { ms: dry.ms, planned: plan.deletions.length, exit: dry.code },
      nuke: {
        ms: real.ms,
        inProcessMs: receipt.durationMs,
        apiCalls: receipt.summary.apiCalls,
        deleted: receipt.summary.deleted,
        failed: receipt.summary.failed,
        passes: receipt.passes,
        exit: real.code,
        deletionsPerSecond: Math.round(receipt.summary.deleted / (receipt.durationMs / 1000)),
      },
      secondRun: { ms: again.ms, planned: second.deletions.length, exit: again.code },
    };
  } finally {
    await moto.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

function print(f) {
  const lines = [
    `costguard nuke benchmark: ${f.seeded} resources over ${f.regions} regions (one S3 bucket of ${f.objectsPerBucket} objects per region), moto`,
    `  seeding:          ${seconds(f.seedMs)}`,
    `  dry run:          ${seconds(f.dryRun.ms)} wall, ${f.dryRun.planned} deletions planned, exit ${f.dryRun.exit}`,
    `  nuke:             ${seconds(f.nuke.ms)} wall (${seconds(f.nuke.inProcessMs)} deleting), ${f.nuke.apiCalls} API calls, ${f.nuke.deleted} deleted, ${f.nuke.failed} failed, ${f.nuke.passes} pass(es), ${f.nuke.deletionsPerSecond} deletions/s, exit ${f.nuke.exit}`,
    `  second dry run:   ${seconds(f.secondRun.ms)} wall, ${f.secondRun.planned} deletions planned, exit ${f.secondRun.exit}`,
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  nukeBench()
    .then((figures) => {
      print(figures);
      if (figures.nuke.failed > 0 || figures.secondRun.planned > 0) process.exitCode = 1;
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
