import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../../../../src/core/conditions/index.js';
import { builtinPackFiles, builtinPolicyDir } from '../../../../src/core/policy/load.js';
import { buildPolicyPackSchema } from '../../../../src/core/policy/schema.js';

const SCHEMA_FILE = join(builtinPolicyDir(), 'schema', 'policy-pack.schema.json');
const generated = buildPolicyPackSchema();

describe('policies/schema/policy-pack.schema.json', () => {
  it('is exactly what the operator registry generates (set UPDATE_SCHEMA=1 to rewrite it)', () => {
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, text);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(text);
  });

  it('lists exactly the registry operators', () => {
    const shipped = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { definitions: { operators: { properties: object } } };
    expect(Object.keys(shipped.definitions.operators.properties).sort()).toEqual(Object.keys(OPERATORS).sort());
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(generated);

  it('accepts every built-in pack, as an editor would see it', () => {
    for (const file of builtinPackFiles()) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects an unknown operator inside a condition', () => {
    const pack = { pack: 'x', rules: [{ id: 'a', resource: 'ec2:volume', severity: 'low', title: 'A', when: [{ state: { eqq: 'x' } }] }] };
    expect(validate(pack)).toBe(false);
    const fixed = { ...pack, rules: [{ ...pack.rules[0], when: [{ state: { eq: 'x' } }, { any: [{ size: 3 }, { not: { id: { glob: 'v*' } } }] }] }] };
    expect(validate(fixed)).toBe(true);
  });
});
