// What the build computes ahead of time so that start-up parses no YAML and compiles no JSON Schema.
// From source (tests, tsc) this module holds nothing and callers do the work at run time; the bundle
// (scripts/build.mjs) replaces it with the generated module that holds the answers.
import type { ValidateFunction } from 'ajv';
import type { PriceTable } from './price-table.js';

/** A built-in pack as YAML parsing gave it, with the source line of every path the compiler asked about. */
export interface PrecompiledPack {
  /** The file name under policies/, e.g. "free-tier.yml". */
  file: string;
  data: Record<string, unknown>;
  /** JSON.stringify(path) -> line. */
  lines: Record<string, number>;
}

export type ValidatorName = 'pack' | 'nukeConfig' | 'inventory' | 'suppressions' | 'priceTable';

export interface Precompiled {
  validators: Partial<Record<ValidatorName, ValidateFunction>>;
  packs: PrecompiledPack[];
  /** policies/prices.yml, parsed and checked. */
  priceTable?: PriceTable;
}

export const precompiled: Precompiled | undefined = undefined;
