// A local moto server for end-to-end tests: a free port on 127.0.0.1, stopped by the pid we started
// (never by name), and killed when the test process goes away — even on SIGKILL, through a stdin
// watchdog: moto's python process exits as soon as the pipe from its parent closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MotoOptions {
  /** A fixed port; default: a free one chosen by the OS. */
  port?: number;
  /** Extra environment for the server (MOTO_ACCOUNT_ID is always removed: it disables account switching). */
  env?: Record<string, string>;
  /** How long to wait for GET /moto-api/ to answer 200 (default 60 s). */
  startTimeoutMs?: number;
  /** The python to run (default: $PYTHON or python3). */
  python?: string;
}

export interface MotoServer {
  /** http://127.0.0.1:<port> — put it in AWS_ENDPOINT_URL. */
  endpoint: string;
  port: number;
  /** The server's pid (for diagnostics; stop() is the way to end it). */
  pid: number;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
  /** Forget every resource: POST /moto-api/reset. */
  reset(): Promise<void>;
  /** The last lines moto printed (for failure messages). */
  log(): string;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) {
      try {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** A TCP port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs moto.server's own main(), plus a daemon thread that ends the process when stdin reaches EOF
// (the parent died or closed the pipe).
const LAUNCHER = [
  'import os, sys, threading',
  'def _watch():',
  '    try:',
  '        sys.stdin.buffer.read()',
  '    finally:',
  '        os._exit(0)',
  'threading.Thread(target=_watch, daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

function serverEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', PYTHONUNBUFFERED: '1', ...extra };
  delete env.MOTO_ACCOUNT_ID;
  return env;
}

async function waitReady(endpoint: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto exited (${child.exitCode ?? child.signalCode}) before answering on ${endpoint}:\n${log()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`moto did not answer GET ${endpoint}/moto-api/ within ${timeoutMs} ms:\n${log()}`);
}

async function launch(port: number, options: MotoOptions): Promise<MotoServer> {
  const python = options.python ?? process.env.PYTHON ?? 'python3';
  // moto's output goes to a file, never a pipe: a test that blocks its event loop (spawnSync of the
  // CLI) cannot drain a pipe, and once its 64 KiB fill up, moto blocks on its request log and every
  // request hangs (the examples e2e hung exactly so on its second audit).
  const logDir = mkdtempSync(join(tmpdir(), 'costguard-moto-log-'));
  const logFile = join(logDir, 'moto.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(python, ['-c', LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    env: serverEnv(options.env),
    stdio: ['pipe', logFd, logFd],
  });
  closeSync(logFd);
  live.add(child);
  installExitHook();
  const spawnError = new Promise<never>((_, reject) => child.once('error', (e) => reject(new Error(`cannot start ${python}: ${e.message}`))));
  spawnError.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').filter(Boolean).slice(-40).join('\n');
    } catch {
      return '';
    }
  };
  const endpoint = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
      child.stdin?.destroy();
      rmSync(logDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await Promise.race([waitReady(endpoint, child, options.startTimeoutMs ?? 60_000, log), spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint,
    port,
    pid: child.pid as number,
    stop,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    log,
  };
}

/** The endpoint of the most recently started server (runCli uses it when no AWS_ENDPOINT_URL is passed). */
let current: string | undefined;

export function currentMotoEndpoint(): string | undefined {
  return current;
}

/**
 * Start `python3 -m moto.server` on 127.0.0.1 (moto 5.x), wait until GET /moto-api/ answers 200.
 * A port taken between choosing and binding is retried with another port.
 */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < (options.port ? 1 : 3); attempt++) {
    const port = options.port ?? (await freePort());
    try {
      const server = await launch(port, options);
      current = server.endpoint;
      const stop = server.stop;
      return {
        ...server,
        stop: async () => {
          if (current === server.endpoint) current = undefined;
          await stop();
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/**
 * Deletable resource types whose listing moto 5.2 does not implement (it answers HTTP 500): nuke runs
 * on moto exclude them, or every plan would carry listing errors (exit 3). Checked by listing each
 * against a fresh moto server; the unit tests cover these types with nock.
 */
export const MOTO_UNLISTABLE_TYPES: readonly string[] = [
  'apprunner:*',
  'bedrock:*',
  'ec2:placement-group',
  'elasticache:serverless-cache',
  'globalaccelerator:*',
  'lightsail:*',
  'redshiftserverless:*',
  'sagemaker:app',
  // Listable, but a domain is decided with its apps and spaces (collectWith), which are not.
  'sagemaker:domain',
  'sagemaker:space',
];
