// {{var}} templates used in messages, remediations, costs and condition values.

import { cachedIn } from './memo.js';

export type TemplateScope = Record<string, unknown>;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE_VARIABLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function hasTemplate(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}

/** "{{name ?? fallback}}": the variable name and the text used when its value is empty. */
function splitFallback(expression: string): { name: string; fallback: string } {
  const at = expression.indexOf('??');
  if (at < 0) return { name: expression, fallback: '' };
  return { name: expression.slice(0, at).trim(), fallback: expression.slice(at + 2).trim() };
}

/**
 * Filters after the variable: "{{createdAt | date}}". `date` shows an ISO time as its UTC day
 * ("2026-05-06T02:13:44.664Z" -> "2026-05-06"); text that is not a time is shown as it is.
 */
const FILTERS: Record<string, (value: unknown) => unknown> = {
  date: (value) => {
    if (typeof value !== 'string' && !(value instanceof Date)) return value;
    const time = value instanceof Date ? value.getTime() : Date.parse(value);
    return Number.isNaN(time) ? value : new Date(time).toISOString().slice(0, 10);
  },
};

/** The filter names templates may use. */
export const TEMPLATE_FILTERS = Object.keys(FILTERS);

/** "name | date": the variable name and its filters, in order. */
function splitFilters(expression: string): { name: string; filters: string[] } {
  const [name, ...filters] = expression.split('|').map((part) => part.trim());
  return { name, filters };
}

function parseExpression(expression: string): { name: string; filters: string[]; fallback: string } {
  const { name: withFilters, fallback } = splitFallback(expression);
  return { ...splitFilters(withFilters), fallback };
}

/** The variable names a template refers to, in order ("params.x", "id", ...). */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((m) => parseExpression(m[1]).name);
}

/** A problem with the template's syntax (an unclosed "{{"), or undefined. */
export function templateSyntaxProblem(template: string): string | undefined {
  const rest = template.replace(VARIABLE, '');
  if (rest.includes('{{') || rest.includes('}}')) return `template "${template}" has an unbalanced "{{" or "}}"`;
  const empty = templateVariables(template).some((name) => name === '');
  if (empty) return `template "${template}" has an empty "{{}}"`;
  for (const match of template.matchAll(VARIABLE)) {
    const unknown = parseExpression(match[1]).filters.find((filter) => !Object.prototype.hasOwnProperty.call(FILTERS, filter));
    if (unknown !== undefined) return `template "${template}" uses an unknown filter "${unknown}" (known: ${TEMPLATE_FILTERS.join(', ')})`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Look up a dotted path. Keys may themselves contain dots ("t3.small"), so at each level the
 * longest matching key wins.
 */
export function lookupPath(root: unknown, path: string): unknown {
  return lookupSegments(root, path.split('.'));
}

function lookupSegments(node: unknown, segments: string[]): unknown {
  if (segments.length === 0) return node;
  if (!isRecord(node)) return undefined;
  for (let take = segments.length; take >= 1; take--) {
    const key = segments.slice(0, take).join('.');
    if (Object.prototype.hasOwnProperty.call(node, key)) {
      const found = lookupSegments(node[key], segments.slice(take));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

/** How a looked-up value reads inside text. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface CompiledVariable {
  segments: string[];
  filters: string[];
  fallback: string;
}

/** A template split once into its text and its variables: text[0], variable[0], text[1], ... */
interface CompiledTemplate {
  text: string[];
  variables: CompiledVariable[];
}

/** Templates come from packs (a bounded set): each is split once per run, not once per finding. */
const compiledTemplates = new Map<string, CompiledTemplate>();

function splitTemplate(template: string): CompiledTemplate {
  const compiled: CompiledTemplate = { text: [], variables: [] };
  let from = 0;
  for (const match of template.matchAll(VARIABLE)) {
    compiled.text.push(template.slice(from, match.index));
    const { name, filters, fallback } = parseExpression(match[1]);
    compiled.variables.push({ segments: name.split('.'), filters, fallback });
    from = (match.index ?? 0) + match[0].length;
  }
  compiled.text.push(template.slice(from));
  return compiled;
}

/** Replace every {{a.b}} with its value in scope; unknown or empty variables become "" or the {{a.b ?? fallback}} text. */
export function renderTemplate(template: string, scope: TemplateScope): string {
  if (!template.includes('{{')) return template;
  const { text, variables } = cachedIn(compiledTemplates, template, splitTemplate);
  let out = text[0];
  for (let i = 0; i < variables.length; i++) {
    const { segments, filters, fallback } = variables[i];
    const value = filters.reduce((current, filter) => (FILTERS[filter] ? FILTERS[filter](current) : current), lookupSegments(scope, segments));
    out += (formatValue(value) || fallback) + text[i + 1];
  }
  return out;
}

/**
 * Resolve a value that may be a template: "{{params.x}}" alone yields the value itself (a number,
 * a list...); any other template renders to text, and text that is a whole number becomes a number.
 * Lists are resolved item by item; anything else is returned unchanged.
 */
export function resolveValue(value: unknown, scope: TemplateScope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (!hasTemplate(value)) return value;
  const whole = WHOLE_VARIABLE.exec(value);
  if (whole && !whole[1].includes('|')) {
    const found = lookupPath(scope, whole[1]);
    if (typeof found !== 'string') return found ?? '';
    return NUMBER.test(found.trim()) ? Number(found) : found;
  }
  const text = renderTemplate(value, scope);
  return NUMBER.test(text.trim()) ? Number(text) : text;
}

export interface TemplateReferenceProblem {
  variable: string;
  message: string;
  suggestion?: string;
}

/**
 * Variables under a known root ("params", "prices") that do not exist there. Variables under other
 * roots (resource fields, aggregate values) cannot be checked before evaluation and are ignored.
 */
export function unknownTemplateReferences(
  template: string,
  roots: Record<string, Record<string, unknown>>,
  suggest: (input: string, candidates: string[]) => string | undefined,
): TemplateReferenceProblem[] {
  const problems: TemplateReferenceProblem[] = [];
  for (const variable of templateVariables(template)) {
    const [root, ...rest] = variable.split('.');
    if (!Object.prototype.hasOwnProperty.call(roots, root)) continue;
    if (rest.length > 0 && lookupPath(roots[root], rest.join('.')) !== undefined) continue;
    const guess = suggest(rest.join('.'), Object.keys(roots[root]));
    problems.push({
      variable,
      message: `unknown template variable "${variable}"`,
      suggestion: guess ? `${root}.${guess}` : undefined,
    });
  }
  return problems;
}
