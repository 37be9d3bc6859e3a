// Raw YAML/JSON condition -> compiled Condition, collecting every problem with its path.
import type { FileProblem } from '../errors.js';
import { didYouMean } from '../policy/did-you-mean.js';
import { formatPath, toSegments, type PathSegment } from '../policy/path.js';
import type { Locator } from '../policy/yaml-locate.js';
import { hasTemplate, renderTemplate, templateSyntaxProblem, templateVariables, unknownTemplateReferences } from '../template.js';
import { fieldNames, fieldType, hasType, operatorFits, OPERATORS_BY_TYPE, typeNames, type CatalogPropertyType, type TypeCatalog } from '../type-catalog.js';
import { globMatches, globProblem, isGlob } from '../patterns.js';
import { OPERATOR_NAMES, operatorNamed } from './registry.js';
import type { Condition, Operator } from './types.js';

const COMBINATORS = ['all', 'any', 'not'];

/** Deepest nesting of all/any/not accepted: deeper is a problem, never a stack overflow. */
export const MAX_CONDITION_DEPTH = 64;

export interface ConditionIssue {
  path: PathSegment[];
  message: string;
  suggestion?: string;
  /** Point at the mapping key rather than its value. */
  atKey?: boolean;
}

export interface ConditionContext {
  report: (issue: ConditionIssue) => void;
  /** When given, `{{params.x}}` / `{{prices.x}}` in values are checked against them. */
  params?: Record<string, unknown>;
  prices?: Record<string, unknown>;
  /** When given, fields, operators and `type` values are checked against the resource types. */
  catalog?: TypeCatalog;
  /** The resource types the condition applies to (a rule's resource); default: every type of the catalog. */
  types?: readonly string[];
}

const TRUE: Condition = { kind: 'all', conditions: [] };

function scopeTypes(context: ConditionContext, catalog: TypeCatalog): string[] {
  return context.types ? context.types.filter((t) => hasType(catalog, t)) : typeNames(catalog);
}

function scopeWords(types: readonly string[]): string {
  return types.length === 1 ? types[0] : types.length <= 3 ? `any of ${types.join(', ')}` : 'any resource type';
}

/** A literal `type:` test in a mapping (nuke select/keep) narrows the types its sibling fields are checked against. */
function narrowedByType(raw: Record<string, unknown>, context: ConditionContext): ConditionContext {
  if (!context.catalog || raw.type === undefined) return context;
  const value = raw.type;
  const wanted = typeof value === 'string' ? [value] : isPlainObject(value) && typeof value.eq === 'string' ? [value.eq] : isPlainObject(value) && Array.isArray(value.in) ? value.in.map(String) : undefined;
  if (!wanted) return context;
  const known = scopeTypes(context, context.catalog);
  const types = known.filter((t) => wanted.some((w) => (isGlob(w) && !globProblem(w) ? globMatches(w, t) : w === t)));
  return types.length > 0 ? { ...context, types } : context;
}

function typeValueProblems(value: unknown, operator: string, path: PathSegment[], context: ConditionContext, catalog: TypeCatalog): void {
  const known = typeNames(catalog);
  const values = operator === 'in' || operator === 'notIn' ? (Array.isArray(value) ? value : []) : operator === 'eq' || operator === 'ne' || operator === 'glob' ? [value] : [];
  values.forEach((item, i) => {
    if (typeof item !== 'string' || hasTemplate(item)) return;
    const at = Array.isArray(value) ? [...path, i] : path;
    if (operator === 'glob' || isGlob(item)) {
      if (operator === 'glob' && !globProblem(item) && !known.some((t) => globMatches(item, t))) context.report({ path: at, message: `"${item}" matches no resource type` });
    } else if (!hasType(catalog, item)) {
      context.report({ path: at, message: `unknown resource type "${item}"`, suggestion: didYouMean(item, known) });
    }
  });
}

function describeKinds(kinds: CatalogPropertyType[]): string {
  return [...new Set(kinds)].map((k) => (k === 'strings' ? 'a list of strings' : k === 'tags' ? 'tags' : k === 'object' ? 'an object' : `a ${k}`)).join(' or ');
}

/** The field must exist on the types in scope, and the operator must fit its kind. */
function checkAgainstCatalog(field: string, operator: string, value: unknown, path: PathSegment[], context: ConditionContext): void {
  const catalog = context.catalog;
  if (!catalog) return;
  const types = scopeTypes(context, catalog);
  if (types.length === 0) return; // an unknown rule resource is reported once, on resource:
  const kinds = types.map((t) => fieldType(catalog.types[t], field)).filter((k): k is CatalogPropertyType => k !== undefined);
  const fieldPath = path[path.length - 1] === operator && path[path.length - 2] === field ? path.slice(0, -1) : path;
  if (kinds.length === 0) {
    const names = [...new Set(types.flatMap((t) => fieldNames(catalog.types[t])))];
    context.report({ path: fieldPath, message: `unknown field "${field}" of ${scopeWords(types)}`, suggestion: didYouMean(field, names), atKey: true });
    return;
  }
  if (field === 'type') typeValueProblems(value, operator, path, context, catalog);
  if (kinds.some((k) => operatorFits(k, operator))) return;
  const allowed = [...new Set(kinds.flatMap((k) => (k === 'unknown' ? [] : OPERATORS_BY_TYPE[k])))];
  context.report({
    path: fieldPath[fieldPath.length - 1] === field && path !== fieldPath ? [...fieldPath, operator] : path,
    message: `operator "${operator}" does not fit field "${field}" (${describeKinds(kinds)}); use one of: ${allowed.join(', ')}`,
    atKey: path !== fieldPath,
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function acceptsType(operator: Operator, value: unknown): boolean {
  const allowed = operator.valueSchema.type;
  const types = Array.isArray(allowed) ? (allowed as string[]) : [allowed as string];
  return types.includes(jsonType(value));
}

function knownRoots(context: ConditionContext): Record<string, Record<string, unknown>> {
  const roots: Record<string, Record<string, unknown>> = {};
  if (context.params) roots.params = context.params;
  if (context.prices) roots.prices = context.prices;
  return roots;
}

/** A template that only reads params/prices can be checked now, by rendering it. */
function renderIfStatic(template: string, context: ConditionContext): string | undefined {
  const roots = knownRoots(context);
  const allKnown = templateVariables(template).every((v) => Object.prototype.hasOwnProperty.call(roots, v.split('.')[0]));
  return allKnown && Object.keys(roots).length > 0 ? renderTemplate(template, roots) : undefined;
}

function checkTemplateValue(template: string, operator: Operator, path: PathSegment[], context: ConditionContext): void {
  const syntax = templateSyntaxProblem(template);
  if (syntax) return context.report({ path, message: syntax });
  const unknown = unknownTemplateReferences(template, knownRoots(context), didYouMean);
  for (const problem of unknown) context.report({ path, message: problem.message, suggestion: problem.suggestion });
  if (unknown.length > 0) return;
  const rendered = renderIfStatic(template, context);
  const problem = rendered === undefined ? undefined : operator.check?.(rendered);
  if (problem) context.report({ path, message: `${operator.name} ${problem} (from "${template}")` });
}

function checkOperatorValue(operator: Operator, value: unknown, path: PathSegment[], context: ConditionContext): void {
  if (hasTemplate(value)) return checkTemplateValue(value, operator, path, context);
  if (!acceptsType(operator, value)) return context.report({ path, message: `${operator.name} must be ${operator.valueHint}` });
  if (Array.isArray(value)) value.forEach((item, i) => checkListItem(operator, item, [...path, i], context));
  const problem = operator.check?.(value);
  if (problem) context.report({ path, message: `${operator.name} ${problem}` });
}

function checkListItem(operator: Operator, item: unknown, path: PathSegment[], context: ConditionContext): void {
  if (isPlainObject(item) || Array.isArray(item) || item === null) {
    context.report({ path, message: `${operator.name} list items must be strings, numbers or booleans` });
  } else if (hasTemplate(item)) {
    checkTemplateValue(item, operator, path, context);
  }
}

function compileOperators(field: string, tests: Record<string, unknown>, path: PathSegment[], context: ConditionContext): Condition[] {
  const entries = Object.entries(tests);
  if (entries.length === 0) context.report({ path, message: `field "${field}" has no operator` });
  const compiled: Condition[] = [];
  for (const [name, value] of entries) {
    const operator = operatorNamed(name);
    if (!operator) {
      context.report({ path: [...path, name], message: `unknown operator "${name}"`, suggestion: didYouMean(name, OPERATOR_NAMES), atKey: true });
      continue;
    }
    checkOperatorValue(operator, value, [...path, name], context);
    checkAgainstCatalog(field, name, value, [...path, name], context);
    compiled.push({ kind: 'test', field, operator: name, value });
  }
  return compiled;
}

function compileFieldTest(field: string, value: unknown, path: PathSegment[], context: ConditionContext): Condition[] {
  if (isPlainObject(value)) return compileOperators(field, value, path, context);
  const combinator = didYouMean(field, COMBINATORS);
  if (Array.isArray(value) && combinator) {
    context.report({ path, message: `unknown key "${field}"`, suggestion: combinator, atKey: true });
  } else if (Array.isArray(value)) {
    context.report({ path, message: `field "${field}" is a list; use { in: [...] } to match one of several values` });
  } else if (value === null || value === undefined) {
    context.report({ path, message: `field "${field}" has no value; use { absent: true } to match a missing field` });
  } else {
    checkOperatorValue(operatorNamed('eq') as Operator, value, path, context);
    checkAgainstCatalog(field, 'eq', value, path, context);
    return [{ kind: 'test', field, operator: 'eq', value }];
  }
  return [];
}

function compileList(raw: unknown, path: PathSegment[], context: ConditionContext, name: string): Condition[] {
  if (!Array.isArray(raw)) {
    context.report({ path, message: `${name} must be a list of conditions` });
    return [];
  }
  return raw.map((item, i) => compileCondition(item, [...path, i], context));
}

function compileMapping(raw: Record<string, unknown>, path: PathSegment[], outer: ConditionContext): Condition {
  const keys = Object.keys(raw);
  const context = narrowedByType(raw, outer);
  if (keys.length === 0) context.report({ path, message: 'condition is empty' });
  const parts: Condition[] = [];
  for (const key of keys) {
    const at = [...path, key];
    if (key === 'all' || key === 'any') parts.push({ kind: key, conditions: compileList(raw[key], at, context, key) });
    else if (key === 'not') parts.push({ kind: 'not', condition: compileCondition(raw[key], at, context) });
    else parts.push(...compileFieldTest(key, raw[key], at, context));
  }
  return parts.length === 1 ? parts[0] : { kind: 'all', conditions: parts };
}

/** Compile a raw condition; problems go to context.report, and the result is usable only when there were none. */
export function compileCondition(raw: unknown, path: PathSegment[], context: ConditionContext): Condition {
  if (path.filter((s) => s === 'all' || s === 'any' || s === 'not').length > MAX_CONDITION_DEPTH) {
    context.report({ path, message: `conditions are nested deeper than ${MAX_CONDITION_DEPTH} levels of all/any/not` });
    return TRUE;
  }
  if (Array.isArray(raw)) return { kind: 'all', conditions: raw.map((item, i) => compileCondition(item, [...path, i], context)) };
  if (isPlainObject(raw)) return compileMapping(raw, path, context);
  context.report({ path, message: 'a condition must be a list of conditions or a mapping of field tests' });
  return TRUE;
}

export interface ParsedCondition {
  condition: Condition;
  problems: FileProblem[];
}

/**
 * Parse a condition from any config file (policy `when`, nuke `select`/`keep`).
 * `path` is where it sits in the file ("select[0]" or ["select", 0]); `locate` adds line and column.
 */
export function parseCondition(
  raw: unknown,
  file: string,
  path: string | readonly PathSegment[] = [],
  locate?: Locator,
  options: { params?: Record<string, unknown>; prices?: Record<string, unknown>; catalog?: TypeCatalog; types?: readonly string[] } = {},
): ParsedCondition {
  const problems: FileProblem[] = [];
  const report = (issue: ConditionIssue): void => {
    const position = locate?.(issue.path, { key: issue.atKey });
    problems.push({
      file,
      ...(position ? { line: position.line, column: position.column } : {}),
      path: formatPath(issue.path),
      message: issue.message,
      ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
    });
  };
  const condition = compileCondition(raw, toSegments(path), { report, ...options });
  return { condition, problems };
}
