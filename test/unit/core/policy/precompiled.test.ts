import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinPackFiles, parsePack, precompilePack } from '../../../../src/core/policy/load.js';
import { compilePack } from '../../../../src/core/policy/compile.js';

describe('built-in packs precompiled at build time', () => {
  it.each(builtinPackFiles().map((f) => [f]))('%s compiles from its parsed copy to the same pack, rule lines included', (file) => {
    const { data, lines } = precompilePack(file);
    const issues: unknown[] = [];
    // the build stores the parsed copy as JSON: go through JSON as the bundle does
    const stored = JSON.parse(JSON.stringify({ data, lines })) as { data: Record<string, unknown>; lines: Record<string, number> };
    const fromBuild = compilePack(stored.data, file, (i) => issues.push(i), (p) => stored.lines[JSON.stringify(p)]);
    const fromYaml = parsePack(readFileSync(file, 'utf8'), file).pack;
    expect(issues).toEqual([]);
    expect(fromYaml).toBeDefined();
    expect(JSON.stringify(fromBuild)).toBe(JSON.stringify(fromYaml));
    expect(fromBuild.rules.map((r) => r.source.line)).toEqual(fromYaml?.rules.map((r) => r.source.line));
    expect(fromBuild.rules.every((r) => typeof r.source.line === 'number')).toBe(true);
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
