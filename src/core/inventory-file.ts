import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { InputFileError, type FileProblem } from './errors.js';
import type { Inventory } from './model.js';
import { packageRoot } from './package-root.js';
import { schemaValidator } from './schema-validator.js';

const SNAPSHOT_HINT = 'A snapshot is the JSON that `costguard inventory --output FILE` writes.';
export function inventorySchema(): object {
  return JSON.parse(readFileSync(join(packageRoot(), 'policies/schema/inventory.schema.json'), 'utf8')) as object;
}

function inventoryValidator(): ValidateFunction {
  return schemaValidator('inventory', inventorySchema);
}

function pathOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1);
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'const') return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
  if (error.keyword === 'required') return `missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
  return error.message ?? 'invalid';
}

/** Parse and validate a saved inventory (a snapshot); every problem names the file and the path inside it. */
export function parseInventory(text: string, file: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputFileError([{ file, message: `not valid JSON: ${(error as Error).message}` }], SNAPSHOT_HINT);
  }
  const check = inventoryValidator();
  if (!check(data)) {
    const problems: FileProblem[] = (check.errors ?? []).slice(0, 20).map((e) => ({ file, path: pathOf(e), message: messageOf(e) }));
    throw new InputFileError(problems, SNAPSHOT_HINT);
  }
  return data as Inventory;
}

export function readInventoryFile(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError([{ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], SNAPSHOT_HINT);
  }
  return parseInventory(text, file);
}
