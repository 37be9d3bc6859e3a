import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/e2e/helpers/paths.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** test/e2e/fixtures/<name> */
export function fixture(name: string): string {
  return join(REPO_ROOT, 'test', 'e2e', 'fixtures', name);
}
