// Build step (run by scripts/build.mjs, never at run time): what start-up would otherwise do on every
// run. Writes into the folder given as argv[2]:
//   validators-*.js  ajv standalone code for each JSON Schema (same options as src/core/schema-validator.ts)
//   packs.js         the built-in packs, compiled and checked, as a JSON string
//   price-table.json the shipped price table (policies/prices.yml), parsed and checked
//   index.js         the module the bundle uses in place of src/core/precompiled.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { loadTypeCatalog } from '../src/app/type-catalog.js';
import { inventorySchema } from '../src/core/inventory-file.js';
import { nukeConfigValidatorSchema } from '../src/core/nuke/load.js';
import { precompileBuiltinPacks } from '../src/core/policy/load.js';
import { packValidatorSchema } from '../src/core/policy/validate-schema.js';
import { loadShippedPriceTable, priceTableSchema } from '../src/core/price-table.js';
import type { ValidatorName } from '../src/core/precompiled.js';
import { VALIDATOR_OPTIONS } from '../src/core/schema-validator.js';
import { suppressionsSchema } from '../src/core/suppressions.js';

const out = process.argv[2];
if (!out) throw new Error('usage: precompile OUT_DIR');
mkdirSync(out, { recursive: true });

const SCHEMAS: Record<ValidatorName, () => object> = {
  pack: packValidatorSchema,
  nukeConfig: nukeConfigValidatorSchema,
  inventory: inventorySchema,
  suppressions: suppressionsSchema,
  priceTable: priceTableSchema,
};

const imports: string[] = [];
for (const [name, schema] of Object.entries(SCHEMAS)) {
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS[name as ValidatorName], code: { source: true, esm: true } });
  // ajv/dist/standalone is CommonJS: its function is the module's default export.
  writeFileSync(join(out, `validators-${name}.js`), standaloneCode.default(ajv, ajv.compile(schema())));
  imports.push(`import ${name} from './validators-${name}.js';`);
}

// Checked against the resource types here, so a run that uses the precompiled packs need not check them again.
const catalog = loadTypeCatalog();
const packs = precompileBuiltinPacks({ catalog });
// A string: the bundle keeps it as one, and each run JSON.parses it (faster than a JS object literal).
writeFileSync(join(out, 'packs.js'), `export default ${JSON.stringify(JSON.stringify(packs))};\n`);
// The shipped price table, parsed from YAML and checked against its schema here (the bundle's
// precompiled is undefined while this runs, so this is the run-time path).
writeFileSync(join(out, 'price-table.json'), JSON.stringify(loadShippedPriceTable()));

writeFileSync(
  join(out, 'index.js'),
  `${imports.join('\n')}
import packs from './packs.js';
import shippedPriceTable from './price-table.json' with { type: 'json' };
export const precompiled = { validators: { ${Object.keys(SCHEMAS).join(', ')} }, packs, priceTable: shippedPriceTable };
`,
);
process.stdout.write(`precompiled ${Object.keys(SCHEMAS).length} schemas and ${packs.length} packs into ${out}\n`);
