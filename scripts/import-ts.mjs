// For maintenance scripts: import one of our TypeScript modules by bundling it with esbuild into
// node_modules/.cache (packages stay external), since dist/ holds the CLI bundle, not one file per module.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** importTs('src/core/policy/load.ts') → that module's exports. */
export async function importTs(path) {
  const dir = join(ROOT, 'node_modules', '.cache', 'costguard-scripts');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(path, '.ts')}-${process.pid}.mjs`);
  await build({ entryPoints: [join(ROOT, path)], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}
