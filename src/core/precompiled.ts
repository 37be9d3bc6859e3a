// What the build computes ahead of time so that start-up parses no YAML, compiles no pack and no JSON Schema.
// From source (tests, tsc) this module holds nothing and callers do the work at run time; the bundle
// (scripts/build.mjs) replaces it with the generated module that holds the answers.
import type { ValidateFunction } from 'ajv';

export type ValidatorName = 'pack' | 'nukeConfig' | 'inventory' | 'suppressions' | 'priceTable';

export interface Precompiled {
  validators: Partial<Record<ValidatorName, ValidateFunction>>;
  /**
   * The built-in packs as the build compiled and checked them, as JSON (a Pack[] whose file names are
   * relative to policies/: where the package is installed is known only at run time).
   */
  packs: string;
  /** policies/prices.yml, parsed and checked: a PriceTable (price-table.ts, which imports this module). */
  priceTable?: unknown;
}

export const precompiled: Precompiled | undefined = undefined;
