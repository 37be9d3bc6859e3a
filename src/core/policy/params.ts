// --param name=value overrides, typed like the pack defaults.
import { UsageError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import type { Pack } from './types.js';

const PARAM_HINT = 'Params are listed under params: in each pack (costguard policies show <rule-id>).';

function coerce(name: string, value: string, defaultValue: unknown): unknown {
  if (typeof defaultValue === 'number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`--param ${name} must be a number, not "${value}"`, PARAM_HINT);
    return number;
  }
  if (typeof defaultValue === 'boolean') {
    if (/^(true|yes|1)$/i.test(value)) return true;
    if (/^(false|no|0)$/i.test(value)) return false;
    throw new UsageError(`--param ${name} must be true or false, not "${value}"`, PARAM_HINT);
  }
  if (Array.isArray(defaultValue)) return value.split(',').map((item) => item.trim()).filter(Boolean);
  return value;
}

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** Packs an override key addresses: "name" (every pack with that param) or "pack.name". */
function targetsOf(key: string, packs: Pack[]): { packs: Pack[]; param: string } {
  const dot = key.indexOf('.');
  const pack = dot > 0 ? packs.find((p) => p.name === key.slice(0, dot)) : undefined;
  if (pack) return { packs: has(pack.params, key.slice(dot + 1)) ? [pack] : [], param: key.slice(dot + 1) };
  return { packs: packs.filter((p) => has(p.params, key)), param: key };
}

function unknownParam(key: string, packs: Pack[]): UsageError {
  const names = packs.flatMap((p) => Object.keys(p.params).flatMap((name) => [name, `${p.name}.${name}`]));
  const suggestion = didYouMean(key, names);
  return new UsageError(`unknown param "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, PARAM_HINT);
}

/** Each pack's params after overrides, by pack name. */
export function resolveParams(packs: Pack[], overrides: Record<string, string> = {}): Map<string, Record<string, unknown>> {
  const byPack = new Map(packs.map((p) => [p.name, { ...p.params }]));
  for (const [key, value] of Object.entries(overrides)) {
    const target = targetsOf(key, packs);
    if (target.packs.length === 0) throw unknownParam(key, packs);
    for (const pack of target.packs) {
      byPack.get(pack.name)![target.param] = coerce(key, value, pack.params[target.param]);
    }
  }
  return byPack;
}
