import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
