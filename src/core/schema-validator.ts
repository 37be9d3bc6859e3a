// One place that turns a JSON Schema into a validator: the build's standalone code when the bundle
// has it, otherwise ajv compiles the schema once on first use. ajv itself is loaded only then, so a
// bundled run never loads or runs the schema compiler.
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv';
import { precompiled, type ValidatorName } from './precompiled.js';

/** The ajv options of each validator: the build compiles with the same ones. */
export const VALIDATOR_OPTIONS: Record<ValidatorName, Options> = {
  pack: { allErrors: true, verbose: true, strict: false },
  nukeConfig: { allErrors: true, verbose: true, strict: false },
  inventory: { allErrors: true, strict: false },
  suppressions: { allErrors: true, strict: false },
  priceTable: { allErrors: true, strict: false },
};

const cache = new Map<ValidatorName, ValidateFunction>();

export function schemaValidator(name: ValidatorName, schema: () => object): ValidateFunction {
  let validate = cache.get(name) ?? precompiled?.validators[name];
  if (!validate) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    validate = new Ajv(VALIDATOR_OPTIONS[name]).compile(schema());
  }
  cache.set(name, validate);
  return validate;
}
