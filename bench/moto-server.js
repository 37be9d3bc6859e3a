// A local moto server for the benchmarks and the demo builder (scripts/build-demo-collected.mjs): a free
// port on 127.0.0.1, stopped by the pid we started (never by name), killed if the script exits first.
// (The e2e tests have their own, typed, in test/e2e/helpers/moto.ts.)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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
