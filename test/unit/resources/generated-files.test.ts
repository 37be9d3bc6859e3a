// The files generated from the registry (IAM policies, catalog, property reference) are committed;
// they must be what the registry gives now.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedFiles, REGENERATE_COMMAND, resourceCatalog } from '../../../src/app/registry-files.js';
import { allResourceTypes } from '../../../src/resources/registry.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('files generated from the resource type registry', () => {
  it.each(generatedFiles().map((f) => [f.path, f.content] as const))('%s is up to date', (path, content) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(join(root, path), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(committed === content, `${path} is stale: regenerate it with ${REGENERATE_COMMAND}`).toBe(true);
  });

  it('catalogs every registered type with its scope, creation time, deletability and typed properties', () => {
    const catalog = resourceCatalog();
    for (const t of allResourceTypes()) {
      const entry = catalog.types[t.type];
      expect(entry, t.type).toBeDefined();
      expect(entry.deletable).toBe(typeof t.remove === 'function');
      expect(entry.createdAt).toBe(t.createdAt !== false);
      expect(Object.keys(entry.properties)).toEqual(Object.keys(t.properties));
    }
    expect(catalog.types['ec2:instance'].properties.securityGroupIds).toEqual({
      type: 'strings',
      description: expect.any(String),
      ref: { to: 'ec2:security-group', kind: 'uses' },
    });
    expect(catalog.types['ec2:vpc'].createdAt).toBe(false);
    expect(catalog.types['local:profile'].properties.profile.type).toBe('unknown');
  });

  it('sees a changed registry as a changed file (the staleness check can fail)', () => {
    const types = allResourceTypes();
    const renamed = types.map((t) => (t.type === 'ec2:vpc' ? { ...t, description: `${t.description} (changed)` } : t));
    const before = new Map(generatedFiles(types).map((f) => [f.path, f.content]));
    const changed = generatedFiles(renamed).filter((f) => before.get(f.path) !== f.content).map((f) => f.path);
    expect(changed.sort()).toEqual(['docs/resource-types-reference.md', 'policies/resource-types.json']);
  });
});
