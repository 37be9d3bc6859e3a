// Write the files generated from the resource type registry (run by `npm run build` after tsc):
// policies/iam/costguard-{audit,nuke}.json, policies/resource-types.json, docs/resource-types-reference.md.
// test/unit/resources/generated-files.test.ts fails when a committed one is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../dist/src/app/registry-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const { path, content } of generatedFiles()) {
  const file = join(root, path);
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === content) continue;
  writeFileSync(file, content);
  console.log(`wrote ${path}`);
}
