// Run the built CLI (`node bin/run.js ...`) the way a user in CI would: no TTY, CI=true, an empty
// HOME (no ~/.aws), dummy keys and AWS_ENDPOINT_URL pointing at the local emulator.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentMotoEndpoint } from './moto.js';
import { cliRoot } from './build.js';
import { REPO_ROOT } from './paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the run. */
  durationMs: number;
}

export interface CliOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Kill the run after this long (default 120 s) and fail with its output so far. */
  timeoutMs?: number;
}

let emptyHome: string | undefined;

/** One empty folder per test process, used as HOME so no ~/.aws/config or credentials is read. */
export function emptyHomeDir(): string {
  emptyHome ??= mkdtempSync(join(tmpdir(), 'costguard-e2e-home-'));
  return emptyHome;
}

/**
 * The environment of a CLI run: the caller's PATH and the like, minus anything that could reach real
 * AWS or change the output (AWS_*, colours, vitest's own variables), plus the emulator settings.
 * `overrides` wins; a value of `undefined` removes a variable (e.g. `{ AWS_ACCESS_KEY_ID: undefined }`).
 */
export function cliEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|MOTO_|VITEST|FORCE_COLOR$|NO_COLOR$|NODE_ENV$|LC_ALL$|LANG$|LANGUAGE$|TERM$|COLORTERM$|DEBUG$)/.test(key)) continue;
    env[key] = value;
  }
  const home = emptyHomeDir();
  Object.assign(env, {
    HOME: home,
    USERPROFILE: home,
    CI: 'true',
    LANG: 'en_US.UTF-8',
    NO_COLOR: '1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const endpoint = currentMotoEndpoint();
  if (endpoint) env.AWS_ENDPOINT_URL = endpoint;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * `node bin/run.js ...args` (the copy buildOnce() staged, else the working tree's) from the repository
 * root with stdin closed and stdout/stderr piped (no TTY).
 * AWS_ENDPOINT_URL defaults to the most recently started moto server; pass it in `env` to choose another.
 * Never rejects for a non-zero exit: the exit code is data.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(cliRoot(), 'bin', 'run.js'), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `costguard ${args.join(' ')} did not finish within ${timeoutMs} ms\n--- stdout\n${Buffer.concat(out).toString('utf8').slice(-4000)}\n--- stderr\n${Buffer.concat(err).toString('utf8').slice(-4000)}`,
        ),
      );
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: Date.now() - started,
      });
    });
  });
}

/** Parse a run's stdout as JSON, failing with the run's output when it is not. */
export function parseStdout<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch (error) {
    throw new Error(
      `stdout is not JSON (${(error as Error).message}); exit ${result.code}\n--- stdout\n${result.stdout.slice(0, 3000)}\n--- stderr\n${result.stderr.slice(0, 3000)}`,
      { cause: error },
    );
  }
}

/** A one-line description of a run, for assertion messages. */
export function describeRun(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout.slice(0, 2000)}\n--- stderr\n${result.stderr.slice(0, 2000)}`;
}
