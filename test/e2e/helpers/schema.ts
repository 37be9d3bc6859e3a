// Validate CLI output against the JSON Schemas that ship in policies/schema/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { REPO_ROOT } from './paths.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const validators = new Map<string, ValidateFunction>();

function validator(schemaFile: string): ValidateFunction {
  let v = validators.get(schemaFile);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, schemaFile), 'utf8')) as object);
    validators.set(schemaFile, v);
  }
  return v;
}

/** [] when `data` is valid, otherwise one "path: message" line per problem. */
export function schemaErrors(schemaFile: string, data: unknown): string[] {
  const v = validator(schemaFile);
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
}

export const REPORT_SCHEMA = 'policies/schema/report.schema.json';
export const INVENTORY_SCHEMA = 'policies/schema/inventory.schema.json';
