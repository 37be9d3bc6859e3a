import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROOT } from './helpers.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const cache = new Map<string, ValidateFunction>();

export function validatorFor(schemaFile: string): ValidateFunction {
  let v = cache.get(schemaFile);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(join(ROOT, schemaFile), 'utf8')) as object);
    cache.set(schemaFile, v);
  }
  return v;
}

/** [] when valid, else "path: message" lines (easy to read in a failed expect). */
export function schemaErrors(schemaFile: string, data: unknown): string[] {
  const v = validatorFor(schemaFile);
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
}

export const REPORT_SCHEMA = 'policies/schema/report.schema.json';
