import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPackFiles, builtinPolicyDir, loadPackFiles, precompileBuiltinPacks } from '../../../../src/core/policy/load.js';
import { loadTypeCatalog } from '../../../../src/app/type-catalog.js';
import type { Pack } from '../../../../src/core/policy/types.js';

describe('built-in packs precompiled at build time', () => {
  it('give back, through the JSON the build stores, the packs a run from source compiles (rule lines and paths included)', () => {
    const stored = JSON.parse(JSON.stringify(precompileBuiltinPacks({ catalog: loadTypeCatalog() }))) as Pack[];
    const dir = builtinPolicyDir();
    expect(stored.every((p) => !p.file.includes('/') && p.rules.every((r) => r.source.file === p.file))).toBe(true);
    const relocated = stored.map((p) => ({ ...p, file: join(dir, p.file), rules: p.rules.map((r) => ({ ...r, source: { ...r.source, file: join(dir, r.source.file) } })) }));
    const fromYaml = loadPackFiles(builtinPackFiles());
    expect(relocated).toStrictEqual(fromYaml);
    expect(fromYaml.flatMap((p) => p.rules).every((r) => typeof r.source.line === 'number')).toBe(true);
  });
});

describe('shipped price table precompiled at build time', () => {
  it('is the same table after the JSON copy the build stores', async () => {
    const { loadShippedPriceTable } = await import('../../../../src/core/price-table.js');
    const table = loadShippedPriceTable();
    expect(Object.keys(table.keys).length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(table))).toStrictEqual(table);
  });
});
