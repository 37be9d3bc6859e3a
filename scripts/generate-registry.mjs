// Write the files generated from the resource type registry (run by `npm run build` first: the
// build's pack check reads the catalog):
// policies/iam/costguard-{audit,nuke}.json, policies/resource-types.json, docs/resource-types-reference.md.
// test/unit/resources/generated-files.test.ts fails when a committed one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const { generatedFiles } = await importTs('src/app/registry-files.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --check (npm test runs it before the build rewrites them): fail when a committed file is stale.
const check = process.argv.includes('--check');
const stale = [];
for (const { path, content } of generatedFiles()) {
  const file = join(root, path);
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === content) continue;
  if (check) {
    stale.push(path);
    continue;
  }
  writeFileSync(file, content);
  console.log(`wrote ${path}`);
}
if (stale.length > 0) {
  console.error(`stale generated files (the resource types changed): ${stale.join(', ')}; run npm run build and commit them`);
  process.exit(1);
}
