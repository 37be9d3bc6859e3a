// --workers N: a live collection of many accounts split over N processes of this machine. Node runs
// a process's JavaScript on one core, and at Organization scale the SDK's per-call work (signing,
// parsing, middleware) is what bounds a run: N workers use N cores. Each worker is the I-th of N
// slices of the accounts (the same deterministic slices as --shard, combined with a --shard given
// by the user), collects them as one process would, and hands its inventory back; this process
// merges them and evaluates once, so the report is the one a single process would write.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { GLOBAL_REGION, type CallStatsSummary, type CollectionError, type Inventory, type Target } from '../core/model.js';
import { CallStats } from '../aws/call-stats.js';
import { ClientFactory } from '../aws/client-factory.js';
import { listAccountsOnce } from '../aws/targets/resolve.js';
import type { TargetDeps } from '../aws/targets/deps.js';
import { CredentialsError, IncompleteError, UsageError } from '../core/errors.js';
import { packageRoot } from '../core/package-root.js';
import { mergeCallStats } from '../core/report-merge.js';
import { DEFAULT_ACCOUNT_CONCURRENCY } from '../aws/targets/options.js';
import type { AccountListing, TargetOptions } from '../aws/targets/types.js';
import type { CollectRequest, InventorySource } from './inventory-source.js';
import { compareResources } from '../core/report-order.js';

type AwsSource = Extract<InventorySource, { kind: 'aws' }>;

/** Listing calls in flight while this process lists the accounts for its workers (the OU walk bounds itself further). */
const LISTING_IN_FLIGHT = 8;

/** What a worker is asked to do (JSON on its stdin). */
export interface WorkerJob {
  source: AwsSource;
  types?: string[];
  now?: string;
}

/** What a worker answers on stdout: its inventory, or the error that stopped it. */
export type WorkerAnswer = { inventory: Inventory } | { error: { name: string; message: string; hint?: string } };

/** A worker's progress (one JSON line per unit on file descriptor 3). */
export interface WorkerProgress {
  done: number;
  total: number;
  label: string;
}

/**
 * The slice a worker takes: worker W of N within the user's --shard I/M (none: 1/1). Shards keep the
 * accounts at positions p % M === I - 1 of the sorted list; the workers of that shard keep every N-th
 * of those, i.e. p % (M * N) === (I - 1) + M * (W - 1).
 */
export function workerShard(shard: TargetOptions['shard'], worker: number, workers: number): NonNullable<TargetOptions['shard']> {
  const index = shard?.index ?? 1;
  const count = shard?.count ?? 1;
  return { index: index + count * (worker - 1), count: count * workers };
}

/**
 * --account-concurrency is the run's: the workers share it, so the accounts in flight (and what AWS
 * sees of the run) are as many as with one process. Fewer accounts in flight per worker also keep
 * each worker's memory down (measured: 300 accounts, 2 workers, 8 each instead of 16: 773 instead of
 * 950 MiB for the three processes, and no slower).
 */
export function perWorker(accountConcurrency: number, workers: number): number {
  return Math.max(1, Math.ceil(accountConcurrency / workers));
}

export interface WorkerMergeOptions {
  /** The user's --shard, recorded with the accounts the workers split. */
  shard?: TargetOptions['shard'];
  /** The calls this process made to list the accounts for the workers (listAccountsOnce). */
  listingStats?: CallStatsSummary;
}

/**
 * One inventory from the workers' parts: each account is in exactly one part. The workers of an
 * Organization or SSO run split one listing, made by this process; profiles each worker resolves
 * itself. If their listings still differ, an account may be in no part, and the inventory says so
 * with an error rather than leaving it out unseen.
 */
export function mergeWorkerInventories(parts: Inventory[], startedAtMs: number[], options: WorkerMergeOptions = {}): Inventory {
  const { shard } = options;
  const targets: Target[] = parts.flatMap((p) => p.targets).sort((a, b) => a.accountId.localeCompare(b.accountId));
  const errors: CollectionError[] = parts.flatMap((p) => p.errors);
  const listings = parts.map((p) => p.shard).filter((l) => l !== undefined);
  if (new Set(listings.map((l) => l.digest)).size > 1) {
    const counts = listings.map((l) => l.accounts).join(', ');
    errors.push({
      accountId: 'unknown',
      region: GLOBAL_REGION,
      operation: 'costguard:workers',
      code: 'ShardListingsDiffer',
      message: `the --workers processes split different accounts (${counts}): an account may be in no worker's part. Run again`,
      resourceTypes: [],
    });
  }
  const withStats = [
    ...parts.map((p, i) => ({ stats: p.stats, startedAt: startedAtMs[i] ?? 0 })),
    // This process's own calls: measured from its start already.
    ...(options.listingStats ? [{ stats: options.listingStats, startedAt: 0 }] : []),
  ].filter((p) => p.stats !== undefined);
  const stats = withStats.length > 0 ? mergeCallStats(withStats.map((p) => p.stats as NonNullable<Inventory['stats']>)) : undefined;
  if (stats) {
    // A worker measures from its own start; this run's first call is the first worker's, from this process's start.
    const firsts = withStats.filter((p) => p.stats?.firstApiCallMs !== undefined).map((p) => p.startedAt + (p.stats?.firstApiCallMs ?? 0));
    if (firsts.length > 0) stats.firstApiCallMs = Math.round(Math.min(...firsts));
  }
  return {
    tool: 'costguard',
    kind: 'inventory',
    schemaVersion: 1,
    version: parts[0]?.version ?? '',
    generatedAt: parts.map((p) => p.generatedAt).sort()[0] ?? new Date().toISOString(),
    targets,
    collectedTypes: [...new Set(parts.flatMap((p) => p.collectedTypes))].sort(),
    resources: parts.flatMap((p) => p.resources).sort(compareResources),
    errors,
    ...(stats ? { stats } : {}),
    ...(shard && listings[0] ? { shard: { ...shard, accounts: listings[0].accounts, digest: listings[0].digest } } : {}),
  };
}

/** The error a worker stopped with, as this process throws it (same class, so the same exit code). */
function workerError(error: { name: string; message: string; hint?: string }, worker: number): Error {
  if (error.name === 'CredentialsError') return new CredentialsError(error.message, error.hint);
  if (error.name === 'UsageError') return new UsageError(error.message, error.hint);
  if (error.name === 'IncompleteError') return new IncompleteError(error.message, error.hint);
  return new Error(`collection worker ${worker}: ${error.message}`);
}

interface WorkerRun {
  inventory: Inventory;
  startedAtMs: number;
}

function runWorker(job: WorkerJob, worker: number, onProgress: (p: WorkerProgress) => void, running: Set<ChildProcess>): Promise<WorkerRun> {
  const startedAtMs = performance.now();
  // The worker entry of the bundle (scripts/build.mjs): the same build as this process.
  const entry = join(packageRoot(), 'dist', 'collect-worker.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { stdio: ['pipe', 'pipe', 'inherit', 'pipe'], env: process.env });
    running.add(child);
    const out: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    let pending = '';
    const progress = child.stdio[3];
    progress?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        try {
          onProgress(JSON.parse(line) as WorkerProgress);
        } catch {
          // not a progress line: ignore
        }
      }
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      running.delete(child);
      let answer: WorkerAnswer | undefined;
      try {
        answer = JSON.parse(Buffer.concat(out).toString('utf8')) as WorkerAnswer;
      } catch {
        answer = undefined;
      }
      if (answer && 'inventory' in answer) resolve({ inventory: answer.inventory, startedAtMs });
      else if (answer && 'error' in answer) reject(workerError(answer.error, worker));
      else reject(new Error(`collection worker ${worker} ended without an inventory (${signal ? `signal ${signal}` : `exit ${code}`})`));
    });
    child.stdin?.end(JSON.stringify(job));
  });
}

/**
 * Accounts per worker before another process pays for its start and memory: without --workers, a
 * run over fewer than twice this many stays in one process. Measured on 2 cores, 1,000 accounts x 4
 * regions: one process 317 s / 650 MiB, two workers 199 s / 874 MiB for the three processes.
 */
export const ACCOUNTS_PER_WORKER = 250;
/** Memory set aside per worker when fitting the count (a worker of 500 accounts x 4 regions peaked near 450 MiB). */
export const MEMORY_PER_WORKER = 1024 * 1024 * 1024;
/** Most workers a run starts without being asked (--workers N may ask for up to 64). */
export const MAX_FITTED_WORKERS = 8;

export interface Machine {
  cores: number;
  memoryBytes: number;
}

/** This machine's cores and memory (a container's memory limit when it has one). */
export function thisMachine(): Machine {
  const limit = process.constrainedMemory?.() ?? 0;
  return { cores: availableParallelism(), memoryBytes: limit > 0 ? Math.min(limit, totalmem()) : totalmem() };
}

/**
 * Without --workers: how many processes a run over `accounts` accounts uses. One per
 * ACCOUNTS_PER_WORKER accounts, at most one per core, one per MEMORY_PER_WORKER of memory and
 * MAX_FITTED_WORKERS; at least one.
 */
export function fittedWorkers(accounts: number, machine: Machine): number {
  const fit = Math.min(Math.floor(accounts / ACCOUNTS_PER_WORKER), machine.cores, Math.floor(machine.memoryBytes / MEMORY_PER_WORKER), MAX_FITTED_WORKERS);
  return Math.max(1, fit);
}

/** What listing the accounts once needs: the run's counter, and a small bound of its own. */
export function listingDeps(source: AwsSource, stats: CallStats): TargetDeps {
  return { stats, limiter: ClientFactory.newLimiter(LISTING_IN_FLIGHT), maxAttempts: source.maxAttempts };
}

/**
 * Collect with `workers` processes of this machine (see the top of this file). `prelisted`: the
 * accounts as collectFitted (collect-live.ts) listed them, with the counter of those calls.
 */
export async function collectWithWorkers(
  source: AwsSource,
  request: CollectRequest,
  workers: number,
  prelisted?: { listed: AccountListing | undefined; stats: CallStats },
): Promise<Inventory> {
  const progress = Array.from({ length: workers }, () => ({ done: 0, total: 0 }));
  const report = (worker: number, p: WorkerProgress) => {
    progress[worker] = { done: p.done, total: p.total };
    const done = progress.reduce((n, w) => n + w.done, 0);
    request.onProgress?.(done, Math.max(done, progress.reduce((n, w) => n + w.total, 0)), p.label);
  };
  // When one worker fails, the run fails: the others are stopped rather than left to finish unseen.
  const running = new Set<ChildProcess>();
  const stopOthers = (error: unknown) => {
    for (const child of running) child.kill();
    throw error;
  };
  // The Organization (or SSO session) is listed once, here: every worker splits the same accounts.
  const listingStats = prelisted?.stats ?? new CallStats();
  const listed = prelisted ? prelisted.listed : await listAccountsOnce(source.targets, listingDeps(source, listingStats));
  const runs = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      runWorker(
        {
          source: {
            ...source,
            workers: 1,
            ...(source.accountConcurrency !== undefined ? { accountConcurrency: perWorker(source.accountConcurrency, workers) } : {}),
            targets: {
              ...source.targets,
              shard: workerShard(source.targets.shard, i + 1, workers),
              ...(listed ? { listed } : {}),
              accountConcurrency: perWorker(source.targets.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY, workers),
            },
          },
          ...(request.types ? { types: request.types } : {}),
          ...(request.now ? { now: request.now.toISOString() } : {}),
        },
        i + 1,
        (p) => report(i, p),
        running,
      ),
    ),
  ).catch(stopOthers);
  return mergeWorkerInventories(
    runs.map((r) => r.inventory),
    runs.map((r) => r.startedAtMs),
    { shard: source.targets.shard, ...(listed ? { listingStats: listingStats.summary() } : {}) },
  );
}
