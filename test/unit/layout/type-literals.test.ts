// One home per resource type (issue 11): outside src/resources (the types) and src/local (the local
// types), no source file names a resource type. Code asks the registry or the catalog instead: the
// owner tags come from ResourceType.ownerTag, the cost report's parts from ResourceType.costRole.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTypeCatalog } from '../../../src/app/type-catalog.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function sources(): string[] {
  return readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('resources/') && !f.startsWith('local/'))
    .map((f) => `src/${f}`);
}

describe('resource type literals', () => {
  it('appear nowhere in src/ outside src/resources and src/local', () => {
    const ids = Object.keys(loadTypeCatalog().types);
    expect(ids.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of sources()) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const id of ids) for (const q of [`'`, `"`, '`']) if (line.includes(`${q}${id}${q}`)) found.push(`${file}:${i + 1} ${id}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the check finds a literal when there is one', () => {
    const ids = Object.keys(loadTypeCatalog().types);
    const line = `if (r.type === 'ec2:nat-gateway') return;`;
    expect(ids.some((id) => line.includes(`'${id}'`))).toBe(true);
  });
});
