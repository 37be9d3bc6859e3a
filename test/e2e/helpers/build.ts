// The e2e tests run the built CLI (dist/ + oclif.manifest.json). `npm test` builds first
// (lint && typecheck && build && vitest); buildOnce() covers `npx vitest run --project e2e` on its own:
// it runs `npm run build` when dist/ is missing or older than a source file, at most once per process,
// and serialises builds across processes with a lock folder (the build starts with `rm -rf dist`).
//
// Then it stages the package — the files package.json publishes (bin, dist, policies, demo, the
// manifest) plus a node_modules link — in a temp folder, and runCli runs that copy: a rebuild of the
// working tree while the tests run (`rm -rf dist`) cannot pull the CLI from under them, and the tests
// see what a user installs. COSTGUARD_E2E_IN_PLACE=1 runs the working tree's bin/run.js instead.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

const SOURCE_DIRS = ['commands', 'src'];
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
const BUILT_MARKERS = ['oclif.manifest.json', join('dist', 'commands.js')];
const LOCK = join(REPO_ROOT, 'node_modules', '.cache', 'costguard-e2e-build.lock');

function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.(ts|json)$/.test(path) && !path.endsWith('.test.ts') ? st.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the build is stale, or undefined when dist/ is up to date. */
export function buildStaleness(): string | undefined {
  const markers = BUILT_MARKERS.map((m) => join(REPO_ROOT, m));
  const missing = markers.find((m) => !existsSync(m));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...markers.map((m) => statSync(m).mtimeMs));
  const source = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(REPO_ROOT, p))));
  return source > built ? 'a source file is newer than dist/' : undefined;
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else builds; a lock older than 3 minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${LOCK}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function buildIfStale(): Promise<void> {
  if (!buildStaleness()) return;
  await withLock(async () => {
    const why = buildStaleness();
    if (!why) return;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { code, output } = await run(npm, ['run', 'build']);
    if (code !== 0) throw new Error(`npm run build failed (${why}), exit ${code}:\n${output.slice(-6000)}`);
  });
}

let staged: string | undefined;

/** Where runCli finds bin/run.js: the staged copy once buildOnce() made one, else the working tree. */
export function cliRoot(): string {
  return staged ?? REPO_ROOT;
}

/** Every command file the manifest names exists (a copy taken during someone's `rm -rf dist` would miss some). */
function completeBuild(root: string): boolean {
  const manifestFile = join(root, 'oclif.manifest.json');
  if (!existsSync(manifestFile)) return false;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { commands?: Record<string, { relativePath?: string[] }> };
  const files = Object.values(manifest.commands ?? {}).map((c) => join(root, ...(c.relativePath ?? [])));
  return files.length > 0 && files.every((f) => existsSync(f));
}

function stageCopy(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files?: string[] };
  const dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-pkg-'));
  try {
    for (const entry of ['package.json', ...(pkg.files ?? ['bin', 'dist', 'policies', 'demo', 'oclif.manifest.json'])]) {
      const from = join(REPO_ROOT, entry);
      if (existsSync(from)) cpSync(from, join(dir, entry), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (!completeBuild(dir)) throw new Error('incomplete build copied');
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

let once: Promise<void> | undefined;

/**
 * Make sure dist/ is built and current, then stage the package for runCli. Set
 * COSTGUARD_E2E_SKIP_BUILD=1 to trust dist/ as it is (CI right after `npm run build`).
 */
export function buildOnce(): Promise<void> {
  once ??= (async () => {
    if (process.env.COSTGUARD_E2E_SKIP_BUILD !== '1') await buildIfStale();
    if (process.env.COSTGUARD_E2E_IN_PLACE === '1') return;
    let lastError: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        staged = stageCopy();
        const dir = staged;
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
        return;
      } catch (error) {
        // Someone rebuilds the tree right now: wait for their build to finish.
        lastError = error;
        await sleep(3_000);
        if (process.env.COSTGUARD_E2E_SKIP_BUILD !== '1' && buildStaleness()?.includes('missing')) await buildIfStale();
      }
    }
    throw new Error(`could not stage the built CLI: ${(lastError as Error).message}`);
  })();
  return once;
}
