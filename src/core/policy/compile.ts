// Parsed YAML data -> Pack, with the checks a JSON Schema cannot make (conditions, templates,
// prices, aggregates, duplicate ids).
import { compileCondition } from '../conditions/parse.js';
import type { Condition } from '../conditions/types.js';
import { SEVERITIES, type Severity } from '../model.js';
import { fieldType, hasType, typeNames, type TypeCatalog } from '../type-catalog.js';
import { hasTemplate, lookupPath, renderTemplate, templateSyntaxProblem, templateVariables, unknownTemplateReferences } from '../template.js';
import { didYouMean } from './did-you-mean.js';
import type { PathSegment } from './path.js';
import { expressionNames, expressionProblem } from './cost-expression.js';
import { THRESHOLD_OPERATORS, type Aggregate, type Pack, type Rule, type RuleCost, type RuleText } from './types.js';

export interface CompileIssue {
  path: PathSegment[];
  message: string;
  suggestion?: string;
  atKey?: boolean;
}

type Data = Record<string, unknown>;

interface PackContext {
  file: string;
  packName: string;
  params: Data;
  prices: Data;
  report: (issue: CompileIssue) => void;
  lineOf: (path: PathSegment[]) => number | undefined;
  catalog?: TypeCatalog;
  /** The resource type of the rule being compiled. */
  resource?: string;
}

const TEXT_FIELDS = ['title', 'why', 'message', 'remediation'] as const;

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function checkTemplate(text: unknown, path: PathSegment[], ctx: PackContext): void {
  if (!hasTemplate(text)) return;
  const syntax = templateSyntaxProblem(text);
  if (syntax) return ctx.report({ path, message: syntax });
  const roots = { params: ctx.params, prices: ctx.prices };
  for (const problem of unknownTemplateReferences(text, roots, didYouMean)) {
    ctx.report({ path, message: problem.message, suggestion: problem.suggestion });
  }
}

function condition(raw: unknown, path: PathSegment[], ctx: PackContext): Condition {
  return compileCondition(raw, path, {
    report: ctx.report,
    params: ctx.params,
    prices: ctx.prices,
    ...(ctx.catalog ? { catalog: ctx.catalog, types: ctx.resource === undefined ? [] : [ctx.resource] } : {}),
  });
}

function checkThreshold(aggregate: Data, path: PathSegment[], ctx: PackContext): void {
  const present = THRESHOLD_OPERATORS.filter((op) => aggregate[op] !== undefined);
  if (present.length !== 1) {
    ctx.report({ path, message: `aggregate needs exactly one threshold: gt, gte, lt or lte (found ${present.length})` });
    return;
  }
  const value = aggregate[present[0]];
  const at = [...path, present[0]];
  if (typeof value !== 'string') return;
  if (!hasTemplate(value)) return ctx.report({ path: at, message: `${present[0]} must be a number or a template such as "{{params.limit}}"` });
  checkTemplate(value, at, ctx);
  const onlyParams = templateVariables(value).every((v) => v.startsWith('params.') || v.startsWith('prices.'));
  const rendered = onlyParams ? renderTemplate(value, { params: ctx.params, prices: ctx.prices }) : undefined;
  if (rendered !== undefined && rendered !== '' && !Number.isFinite(Number(rendered))) {
    ctx.report({ path: at, message: `${present[0]} must be a number; "${value}" gives "${rendered}"` });
  }
}

/** aggregate.sum names a number field of the rule's resource type. */
function checkSumField(field: unknown, path: PathSegment[], ctx: PackContext): void {
  const entry = ctx.catalog && ctx.resource !== undefined && hasType(ctx.catalog, ctx.resource) ? ctx.catalog.types[ctx.resource] : undefined;
  if (!entry || typeof field !== 'string') return;
  const kind = fieldType(entry, field);
  if (kind === undefined) {
    ctx.report({ path, message: `unknown field "${field}" of ${ctx.resource}`, suggestion: didYouMean(field, Object.keys(entry.properties)) });
  } else if (kind !== 'number' && kind !== 'unknown') {
    ctx.report({ path, message: `aggregate sum needs a number field; "${field}" is a ${kind}` });
  }
}

function checkResourceType(resource: string, path: PathSegment[], ctx: PackContext): void {
  if (!ctx.catalog || resource === '' || hasType(ctx.catalog, resource)) return;
  ctx.report({ path, message: `unknown resource type "${resource}"`, suggestion: didYouMean(resource, typeNames(ctx.catalog)) });
}

function compileAggregate(raw: unknown, path: PathSegment[], ctx: PackContext): Aggregate | undefined {
  if (!isData(raw)) return undefined;
  const hasSum = raw.sum !== undefined;
  const hasCount = raw.count !== undefined;
  if (hasSum === hasCount) ctx.report({ path, message: hasSum ? 'aggregate takes sum or count, not both' : 'aggregate needs sum: <field> or count: true' });
  checkThreshold(raw, path, ctx);
  checkSumField(raw.sum, [...path, 'sum'], ctx);
  return { ...(raw as Partial<Aggregate>), per: raw.per === 'region' ? 'region' : 'account' } as Aggregate;
}

function checkPrice(price: unknown, path: PathSegment[], ctx: PackContext): void {
  if (typeof price !== 'string') return;
  checkTemplate(price, path, ctx);
  const head = price.split('{{')[0].replace(/\.$/, '');
  if (head === '' || lookupPath(ctx.prices, head) !== undefined) return;
  const suggestion = didYouMean(head, Object.keys(ctx.prices));
  ctx.report({ path, message: `unknown price "${head}"${Object.keys(ctx.prices).length === 0 ? ' (the pack has no prices)' : ''}`, suggestion });
}

function checkExpression(source: unknown, path: PathSegment[], ctx: PackContext): void {
  if (typeof source !== 'string' || hasTemplate(source) || Number.isFinite(Number(source))) return;
  const name = String(path[path.length - 1]);
  const problem = expressionProblem(source);
  if (problem) return ctx.report({ path, message: `${name} is not a valid expression: ${problem}` });
  const roots: Record<string, Data> = { params: ctx.params, prices: ctx.prices };
  for (const variable of expressionNames(source)) {
    const [root, ...rest] = variable.split('.');
    if (!(root in roots) || lookupPath(roots[root], rest.join('.')) !== undefined) continue;
    const guess = didYouMean(rest.join('.'), Object.keys(roots[root]));
    ctx.report({ path, message: `unknown ${root === 'params' ? 'param' : 'price'} "${variable}" in ${name}`, suggestion: guess ? `${root}.${guess}` : undefined });
  }
}

function compileCost(raw: unknown, path: PathSegment[], ctx: PackContext): Rule['cost'] {
  if (!isData(raw)) return undefined;
  if ((raw.price === undefined) === (raw.usd === undefined)) {
    ctx.report({ path, message: 'cost needs either price: <key> (with an optional quantity) or usd: <expression>' });
  }
  if (raw.usd !== undefined && raw.quantity !== undefined) ctx.report({ path: [...path, 'quantity'], message: 'quantity goes with price, not with usd' });
  checkPrice(raw.price, [...path, 'price'], ctx);
  checkTemplate(raw.quantity, [...path, 'quantity'], ctx);
  checkExpression(raw.quantity, [...path, 'quantity'], ctx);
  checkExpression(raw.usd, [...path, 'usd'], ctx);
  const cost: RuleCost = {};
  if (typeof raw.price === 'string') cost.price = raw.price;
  if (raw.quantity !== undefined) cost.quantity = raw.quantity as number | string;
  if (typeof raw.usd === 'string') cost.usd = raw.usd;
  return cost;
}

function compileOverrides(raw: unknown, rule: Data, path: PathSegment[], ctx: PackContext): Rule['severityOverrides'] {
  if (!Array.isArray(raw)) return undefined;
  if (rule.aggregate !== undefined) {
    ctx.report({ path, message: 'severityOverrides cannot be used with aggregate (an aggregate finding has no single resource)' });
  }
  return raw.filter(isData).map((item, i) => ({
    when: condition(item.when, [...path, i, 'when'], ctx),
    severity: item.severity as Severity,
  }));
}

function compileI18n(raw: unknown, path: PathSegment[], ctx: PackContext): Record<string, RuleText> | undefined {
  if (!isData(raw)) return undefined;
  const out: Record<string, RuleText> = {};
  for (const [lang, text] of Object.entries(raw)) {
    if (!isData(text)) continue;
    for (const field of TEXT_FIELDS) checkTemplate(text[field], [...path, lang, field], ctx);
    out[lang] = Object.fromEntries(TEXT_FIELDS.filter((f) => typeof text[f] === 'string').map((f) => [f, text[f] as string]));
  }
  return out;
}

function compileRule(raw: Data, index: number, ctx: PackContext): Rule {
  const path: PathSegment[] = ['rules', index];
  for (const field of TEXT_FIELDS) checkTemplate(raw[field], [...path, field], ctx);
  const resource = String(raw.resource ?? '');
  checkResourceType(resource, [...path, 'resource'], ctx);
  ctx.resource = resource;
  const rule: Rule = {
    id: String(raw.id ?? ''),
    pack: ctx.packName,
    resource,
    severity: (SEVERITIES as readonly unknown[]).includes(raw.severity) ? (raw.severity as Severity) : 'info',
    title: String(raw.title ?? ''),
    requires: [...new Set([resource, ...(Array.isArray(raw.requires) ? raw.requires.map(String) : [])])],
    source: { file: ctx.file, line: ctx.lineOf(path) },
  };
  assignOptional(rule, raw, path, ctx);
  return rule;
}

function assignOptional(rule: Rule, raw: Data, path: PathSegment[], ctx: PackContext): void {
  const why = optionalString(raw.why);
  const message = optionalString(raw.message);
  const remediation = optionalString(raw.remediation);
  if (why !== undefined) rule.why = why;
  if (message !== undefined) rule.message = message;
  if (remediation !== undefined) rule.remediation = remediation;
  if (raw.when !== undefined) rule.when = condition(raw.when, [...path, 'when'], ctx);
  if (raw.aggregate !== undefined) rule.aggregate = compileAggregate(raw.aggregate, [...path, 'aggregate'], ctx);
  if (raw.cost !== undefined) rule.cost = compileCost(raw.cost, [...path, 'cost'], ctx);
  if (raw.severityOverrides !== undefined) rule.severityOverrides = compileOverrides(raw.severityOverrides, raw, [...path, 'severityOverrides'], ctx);
  if (raw.i18n !== undefined) rule.i18n = compileI18n(raw.i18n, [...path, 'i18n'], ctx);
}

function checkDuplicateIds(rules: unknown[], ctx: PackContext): void {
  const firstIndex = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!isData(rule) || typeof rule.id !== 'string') return;
    const first = firstIndex.get(rule.id);
    if (first === undefined) return void firstIndex.set(rule.id, index);
    const line = ctx.lineOf(['rules', first, 'id']);
    ctx.report({ path: ['rules', index, 'id'], message: `duplicate rule id "${rule.id}" (first defined at rules[${first}]${line ? `, line ${line}` : ''})` });
  });
}

export function compilePack(
  data: Data,
  file: string,
  report: (issue: CompileIssue) => void,
  lineOf: (path: PathSegment[]) => number | undefined,
  catalog?: TypeCatalog,
): Pack {
  const ctx: PackContext = {
    file,
    packName: String(data.pack ?? ''),
    params: isData(data.params) ? data.params : {},
    prices: isData(data.prices) ? data.prices : {},
    report,
    lineOf,
    ...(catalog ? { catalog } : {}),
  };
  const rawRules = Array.isArray(data.rules) ? data.rules : [];
  checkDuplicateIds(rawRules, ctx);
  const rules = rawRules.flatMap((raw, i) => (isData(raw) ? [compileRule(raw, i, ctx)] : []));
  return {
    name: ctx.packName,
    ...(typeof data.description === 'string' ? { description: data.description } : {}),
    default: data.default !== false,
    file,
    params: ctx.params,
    prices: ctx.prices,
    rules,
  };
}
