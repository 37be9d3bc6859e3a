// The per-type loaders (generated from the registry) must give, for each name, the type registered
// under that name: a run that collects a type imports it through its loader only.
import { describe, expect, it } from 'vitest';
import { registryLoaders } from '../../../src/app/registry-files.js';
import { loadResourceTypes, RESOURCE_TYPE_LOADERS } from '../../../src/resources/registry-loaders.js';
import { allResourceTypes, resourceType } from '../../../src/resources/registry.js';

describe('per-type loaders', () => {
  it('has one loader per registered type, in registry order, each giving the type of its name', async () => {
    expect(RESOURCE_TYPE_LOADERS.map(([name]) => name)).toEqual(allResourceTypes().map((t) => t.type));
    for (const [name, load] of RESOURCE_TYPE_LOADERS) expect(await load(), name).toBe(resourceType(name));
  });

  it('loads only the named types, in registry order, and leaves out names that are not registered types', async () => {
    const loaded = await loadResourceTypes(['ec2:volume', 'local:profile', 'ec2:elastic-ip']);
    expect(loaded.map((t) => t.type)).toEqual(['ec2:elastic-ip', 'ec2:volume']);
    expect(await loadResourceTypes([])).toEqual([]);
    expect((await loadResourceTypes()).length).toBe(allResourceTypes().length);
  });

  it('refuses a registry whose list and imports do not match (the generator can fail)', () => {
    const types = allResourceTypes().slice(0, 2);
    const source = `import { a } from './a-file.js';\nexport const RESOURCE_TYPES: readonly ResourceType[] = [\n  a,\n  // note\n  b,\n];\n`;
    expect(() => registryLoaders(types, source)).toThrow(/b is not imported/);
    expect(() => registryLoaders(types.slice(0, 1), source)).toThrow(/2 names in RESOURCE_TYPES, 1 types/);
    const fixed = `${source}import { b } from './b-file.js';\n`;
    expect(registryLoaders(types, fixed)).toContain(`['${types[1].type}', () => import('./b-file.js').then((m) => m.b)],`);
  });
});
