// The entry of a collection worker (--workers N, see collect-workers.ts): reads its job as JSON on
// stdin, collects its slice of the accounts as a single process would, writes its inventory (or the
// error that stopped it) as JSON on stdout and its progress as JSON lines on file descriptor 3.
import { createWriteStream } from 'node:fs';
import { collectLive } from './collect-live.js';
import type { WorkerAnswer, WorkerJob } from './collect-workers.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(answer: WorkerAnswer): Promise<void> {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(answer), () => resolve()));
}

async function main(): Promise<void> {
  const job = JSON.parse(await readStdin()) as WorkerJob;
  let progress: NodeJS.WritableStream | undefined;
  try {
    progress = createWriteStream('', { fd: 3 });
    progress.on('error', () => undefined);
  } catch {
    progress = undefined;
  }
  try {
    const inventory = await collectLive(job.source, {
      source: job.source,
      ...(job.types ? { types: job.types } : {}),
      ...(job.now ? { now: new Date(job.now) } : {}),
      onProgress: (done, total, label) => progress?.write(`${JSON.stringify({ done, total, label })}\n`),
    });
    await write({ inventory });
  } catch (error) {
    const e = error as { name?: string; message?: string; hint?: string };
    await write({ error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), ...(e?.hint ? { hint: e.hint } : {}) } });
    process.exitCode = 1;
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await main();
