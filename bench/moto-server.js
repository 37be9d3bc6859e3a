// What the benchmarks and the demo builder (scripts/build-demo-collected.mjs) share: a local moto
// server (a free port on 127.0.0.1, stopped by the pid we started, never by name, killed if the script
// exits first) and a timed run of the built CLI against it. (The e2e tests have their own, typed, in
// test/e2e/helpers/.)
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built package the benchmarks run: this checkout, or BENCH_CLI_ROOT. */
export const CLI_ROOT = process.env.BENCH_CLI_ROOT || ROOT;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start moto.server and wait until GET /moto-api/ answers 200 (60 s at most).
 * @param {{ env?: Record<string, string> }} [options] extra environment for the server
 * @returns {Promise<{ endpoint: string, stop: () => Promise<void> }>}
 */
export async function startMoto(options = {}) {
  const port = await freePort();
  const env = { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...options.env };
  delete env.MOTO_ACCOUNT_ID; // it disables account switching
  const child = spawn(process.env.PYTHON ?? 'python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = () => {
    if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  let log = '';
  child.stderr.on('data', (c) => (log = (log + c.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`moto did not answer on ${endpoint}:\n${log}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return {
    endpoint,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    },
  };
}

/** The CLI's environment: this process's minus AWS_/MOTO_ settings, a throwaway HOME, dummy keys, moto as the endpoint. */
export function cliEnv(endpoint, home) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|MOTO_|FORCE_COLOR$)/.test(k)) env[k] = v;
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    CI: 'true',
    NO_COLOR: '1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Run the built CLI; resolves with exit code, wall milliseconds, stdout and stderr. */
export function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(CLI_ROOT, 'bin', 'run.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The resident memory of a process and all its descendants now (Linux /proc; 0 elsewhere). */
function treeRssKb(root) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  const parent = new Map();
  const rss = new Map();
  for (const pid of entries) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      parent.set(Number(pid), Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
      rss.set(Number(pid), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, kb] of rss) if (inTree(pid)) total += kb;
  return total;
}

/**
 * Run the built CLI and measure it: wall time; CPU (user + sys) and peak RSS from /usr/bin/time when
 * present (else the peak RSS is /proc/<pid>/status's VmHWM, sampled); and the peak resident memory of
 * the CLI and all its child processes together (--workers), sampled every 250 ms from /proc.
 * BENCH_NODE_ARGS: node flags for the child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export function runCliMeasured(args, env, home) {
  const gnuTime = existsSync('/usr/bin/time');
  const timeFile = join(home, 'time.txt');
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const argv = [...nodeArgs, join(CLI_ROOT, 'bin', 'run.js'), ...args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = gnuTime
      ? spawn('/usr/bin/time', ['-o', timeFile, '-f', '%M %U %S', process.execPath, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let hwmKb = 0;
    let treeKb = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        // gone, or not Linux
      }
      // With --workers the CLI runs child processes: their resident memory counts too.
      treeKb = Math.max(treeKb, treeRssKb(child.pid));
    }, 250);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(sample);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKb = hwmKb;
      let cpuS;
      if (gnuTime && existsSync(timeFile)) {
        const [maxRss, user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
        if (Number.isFinite(maxRss)) rssKb = maxRss;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuS = user + sys;
      }
      resolve({ code, ms, rssKb, treeKb, cpuS, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
