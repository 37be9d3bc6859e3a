import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPackFiles, builtinPolicyDir, isPackFile, loadBuiltinPacks } from '../../../../src/core/policy/load.js';

describe('built-in packs', () => {
  it('finds the package policies/ folder', () => {
    expect(existsSync(join(builtinPolicyDir(), 'schema', 'policy-pack.schema.json'))).toBe(true);
  });

  it('loads every built-in pack without problems, with unique rule ids', () => {
    const packs = loadBuiltinPacks();
    expect(packs.length).toBe(builtinPackFiles().length);
    const ids = packs.flatMap((p) => p.rules.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('skips YAML files that are not packs (such as nuke configs)', () => {
    expect(isPackFile('pack: x\nrules: []\n')).toBe(true);
    expect(isPackFile('accounts:\n  allow: []\nselect: []\n')).toBe(false);
    expect(isPackFile('- just\n- a list\n')).toBe(false);
  });
});
