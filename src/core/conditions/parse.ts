// Raw YAML/JSON condition -> compiled Condition, collecting every problem with its path.
import type { FileProblem } from '../errors.js';
import { didYouMean } from '../policy/did-you-mean.js';
import { formatPath, toSegments, type PathSegment } from '../policy/path.js';
import type { Locator } from '../policy/yaml-locate.js';
import { hasTemplate, renderTemplate, templateSyntaxProblem, templateVariables, unknownTemplateReferences } from '../template.js';
import { OPERATOR_NAMES, operatorNamed } from './registry.js';
import type { Condition, Operator } from './types.js';

const COMBINATORS = ['all', 'any', 'not'];

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
}

const TRUE: Condition = { kind: 'all', conditions: [] };

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

function compileMapping(raw: Record<string, unknown>, path: PathSegment[], context: ConditionContext): Condition {
  const keys = Object.keys(raw);
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
  options: { params?: Record<string, unknown>; prices?: Record<string, unknown> } = {},
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
