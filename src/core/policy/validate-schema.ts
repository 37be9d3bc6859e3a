// Check a parsed pack against the JSON Schema and say what is wrong in plain words.
// Conditions are left to parseCondition, which knows the operators and gives better messages.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaValidator } from '../schema-validator.js';
import { didYouMean } from './did-you-mean.js';
import type { PathSegment } from './path.js';
import { buildPolicyPackSchema, LANGUAGE_PATTERN, NAME_PATTERN, RESOURCE_TYPE_PATTERN } from './schema.js';

export interface SchemaIssue {
  path: PathSegment[];
  message: string;
  suggestion?: string;
  atKey?: boolean;
}

/** The schema a pack is checked against; conditions are left to parseCondition. */
export function packValidatorSchema(): object {
  const schema = buildPolicyPackSchema() as { definitions: Record<string, unknown> };
  schema.definitions.condition = {};
  return schema;
}

function packValidator(): ValidateFunction {
  return schemaValidator('pack', packValidatorSchema);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

const PATTERN_WORDS: Record<string, string> = {
  [NAME_PATTERN]: 'must use only lowercase letters, digits and "-"',
  [RESOURCE_TYPE_PATTERN]: 'must look like service:type, e.g. ec2:elastic-ip',
  [LANGUAGE_PATTERN]: 'must be a language code such as ko or pt-BR',
};

function segmentsOf(instancePath: string): PathSegment[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** How the message names the value: "severity", "requires[0]", "the pack". */
function nameOf(path: PathSegment[]): string {
  let start = path.length - 1;
  while (start > 0 && typeof path[start] === 'number') start--;
  if (start < 0) return 'the pack';
  return path.slice(start).map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function issueFor(error: ErrorObject): SchemaIssue | undefined {
  const path = segmentsOf(error.instancePath);
  const name = nameOf(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { path: [...path, key], message: `unknown key "${key}"`, suggestion: didYouMean(key, known), atKey: true };
    }
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return { path, message: `${name} must be one of ${allowed.join(', ')}`, suggestion: didYouMean(String(error.data), allowed) };
    }
    case 'type':
      return { path, message: path.length === 0 ? 'a policy pack must be a mapping with pack: and rules:' : `${name} must be ${typeWords(params.type)}` };
    case 'const':
      return { path, message: `${name} must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return patternIssue(path, name, error);
    case 'propertyNames':
      return undefined; // reported by the inner pattern error
    default:
      return { path, message: `${name} ${error.message ?? 'is not valid'}` };
  }
}

function patternIssue(path: PathSegment[], name: string, error: ErrorObject): SchemaIssue {
  const pattern = String((error.params as { pattern: string }).pattern);
  const words = PATTERN_WORDS[pattern] ?? `must match ${pattern}`;
  const propertyName = (error.params as { propertyName?: string }).propertyName ?? propertyNameOf(error);
  if (propertyName !== undefined) return { path: [...path, propertyName], message: `"${propertyName}" ${words}`, atKey: true };
  return { path, message: `${name} "${String(error.data)}" ${words}` };
}

/** For propertyNames errors ajv puts the offending key in data. */
function propertyNameOf(error: ErrorObject): string | undefined {
  return error.propertyName ?? (error.schemaPath.includes('propertyNames') ? String(error.data) : undefined);
}

/** Every schema problem in a parsed pack, outside conditions. */
export function schemaIssues(data: unknown): SchemaIssue[] {
  const check = packValidator();
  if (check(data)) return [];
  return (check.errors ?? []).map(issueFor).filter((issue): issue is SchemaIssue => issue !== undefined);
}
