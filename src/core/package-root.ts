import { createRequire } from 'node:module';

// Every start (--help too) runs this: Node built-ins come through require, because an ES import of a
// built-in first builds its ES module facade, ~1 ms each (issue 16; code-cache.ts does the same).
const nodeRequire = createRequire(import.meta.url);
const { existsSync, readFileSync } = nodeRequire('node:fs') as typeof import('node:fs');
const { dirname, join } = nodeRequire('node:path') as typeof import('node:path');
const { fileURLToPath } = nodeRequire('node:url') as typeof import('node:url');

let cached: string | undefined;

function isCostguardRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'costguard';
}

/** The folder holding costguard's package.json, from src/ (tests) or dist/src/ (built CLI). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!isCostguardRoot(dir)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('costguard package root not found');
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** A file of the package, by its path from the package root. */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
