import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPackFiles, builtinPolicyDir, isPackFile, loadBuiltinPacks } from '../../../../src/core/policy/load.js';

describe('built-in packs', () => {
  it('finds the package policies/ folder', () => {
    expect(existsSync(join(builtinPolicyDir(), 'schema', 'policy-pack.schema.json'))).toBe(true);
  });

  it('loads every built-in pack without problems, with unique rule ids', () => {
    const packs = loadBuiltinPacks();
    // The packs the README documents are among them, each with rules.
    expect(packs.map((p) => p.name)).toEqual(expect.arrayContaining(['free-tier', 'iam', 'local', 'cost']));
    for (const p of packs) expect(p.rules.length, p.name).toBeGreaterThan(0);
    // Every rule id written in the YAML files (read here without the loader) is loaded exactly once.
    const written = builtinPackFiles().flatMap((f) => {
      const doc = parse(readFileSync(f, 'utf8')) as { rules?: Array<{ id: string }> };
      return (doc.rules ?? []).map((r) => r.id);
    });
    expect(new Set(written).size).toBe(written.length);
    expect(packs.flatMap((p) => p.rules.map((r) => r.id)).sort()).toEqual([...written].sort());
  });

  it('skips YAML files that are not packs (such as nuke configs)', () => {
    expect(isPackFile('pack: x\nrules: []\n')).toBe(true);
    expect(isPackFile('accounts:\n  allow: []\nselect: []\n')).toBe(false);
    expect(isPackFile('- just\n- a list\n')).toBe(false);
  });
});
