// Suppressions: accepted findings, each with a reason and an optional expiry.
// A suppressions file (--suppressions FILE) or the `suppressions:` key of .costguard.yml in the
// working directory. Parsing and applying are pure; loadSuppressions is the thin file reader.
//
//   suppressions:
//     - rule: ec2-eip-unattached          # globs: * any run of characters, ? one character
//       account: "123456789012"           # id, alias or name
//       region: us-east-1
//       resource: eipalloc-0abc*          # id, ARN or name
//       reason: Reserved for the workshop DNS record
//       expires: 2025-12-31               # applies through this day (UTC), then is reported as expired

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter, Node } from 'yaml';
import { yaml } from './yaml.js';
import { InputFileError, type FileProblem } from './errors.js';
import type { Finding, SuppressionEntry, SuppressionProblems } from './model.js';
import { packageRoot } from './package-root.js';
import { globMatches, globProblem } from './patterns.js';
import { didYouMean } from './policy/did-you-mean.js';
import { documentData, yamlErrorMessage } from './policy/yaml-input.js';
import { schemaValidator } from './schema-validator.js';

export type { SuppressionEntry, SuppressionProblems } from './model.js';

export const CONFIG_FILE = '.costguard.yml';
const ENTRY_KEYS = ['rule', 'account', 'region', 'resource', 'reason', 'expires'];
const HINT = 'Each suppression needs a rule and a reason; see policies/schema/suppressions.schema.json.';

export function suppressionsSchema(): object {
  return JSON.parse(readFileSync(join(packageRoot(), 'policies/schema/suppressions.schema.json'), 'utf8')) as object;
}

function suppressionsValidator(): ValidateFunction {
  return schemaValidator('suppressions', suppressionsSchema);
}

/** "suppressions[2].reason" from ["suppressions", 2, "reason"]. */
function pathText(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The node at a path, or (for a key) the key's node; falls back to the nearest ancestor. */
  at(path: Array<string | number>, key?: string): { line?: number; column?: number } {
    let node: unknown = this.doc.contents;
    let found: unknown = node;
    for (const part of path) {
      if (yaml().isMap(node)) {
        const pair = node.items.find((p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === String(part));
        node = pair?.value;
      } else if (yaml().isSeq(node) && typeof part === 'number') {
        node = node.items[part];
      } else node = undefined;
      if (!node) break;
      found = node;
    }
    if (key && yaml().isMap(found)) {
      const pair = found.items.find((p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === key);
      if (pair && yaml().isScalar(pair.key)) found = pair.key;
    }
    const range = (found as Node | undefined)?.range;
    if (!range) return {};
    const pos = this.lines.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  }
}

function instancePath(error: ErrorObject): Array<string | number> {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function schemaProblem(error: ErrorObject, file: string, where: Locator): FileProblem | undefined {
  const path = instancePath(error);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { file, ...where.at(path, key), path: pathText([...path, key]), message: `unknown key "${key}"`, suggestion: didYouMean(key, ENTRY_KEYS) };
    }
    case 'required': {
      const key = String(params.missingProperty);
      const what = key === 'reason' ? 'missing "reason": every suppression must say why it is accepted' : `missing required key "${key}"`;
      return { file, ...where.at(path), path: pathText(path), message: what };
    }
    case 'pattern':
      if (path[path.length - 1] === 'expires') return { file, ...where.at(path), path: pathText(path), message: 'expires must be a date YYYY-MM-DD' };
      if (path[path.length - 1] === 'reason') return { file, ...where.at(path), path: pathText(path), message: 'reason must not be empty' };
      return { file, ...where.at(path), path: pathText(path), message: error.message ?? 'invalid' };
    case 'minLength':
      return { file, ...where.at(path), path: pathText(path), message: 'must not be empty' };
    case 'anyOf':
      return undefined; // the branch errors say more
    case 'type':
      return { file, ...where.at(path), path: pathText(path), message: `must be ${params.type === 'array' ? 'a list' : params.type === 'object' ? 'a mapping' : `a ${String(params.type)}`}` };
    default:
      return { file, ...where.at(path), path: pathText(path), message: error.message ?? 'invalid' };
  }
}

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export interface ParseOptions {
  /** A file given with --suppressions must have the key; .costguard.yml may hold only other settings. */
  requireKey?: boolean;
  /** The loaded rule ids: an entry's rule (id or glob) must match one of them. */
  ruleIds?: readonly string[];
}

const GLOB_KEYS = ['rule', 'account', 'region', 'resource'] as const;

/** Invalid globs, and rules that name no loaded rule (a typo would silently suppress nothing). */
function patternProblems(raw: Array<Record<string, unknown>>, file: string, where: Locator, ruleIds: readonly string[] | undefined): FileProblem[] {
  const problems: FileProblem[] = [];
  raw.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return;
    for (const key of GLOB_KEYS) {
      const value = entry[key];
      if (typeof value !== 'string') continue;
      const path = ['suppressions', i, key];
      const invalid = globProblem(value);
      if (invalid) problems.push({ file, ...where.at(path), path: pathText(path), message: invalid });
      else if (key === 'rule' && ruleIds && !ruleIds.some((id) => globMatches(value, id))) {
        problems.push({ file, ...where.at(path), path: pathText(path), message: `no loaded rule matches "${value}"`, suggestion: didYouMean(value, ruleIds) });
      }
    }
  });
  return problems;
}

/** Parse and validate a suppressions document; problems name the file, line, column and path. */
export function parseSuppressions(text: string, file: string, options: ParseOptions = {}): SuppressionEntry[] {
  const lines = new (yaml().LineCounter)();
  // failsafe: every scalar is a string, so account ids keep leading zeros and dates stay text.
  const doc = yaml().parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputFileError(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const message = /Maximum call stack size exceeded/.test(e.message) ? yamlErrorMessage(e.message) : `not valid YAML: ${e.message.split('\n')[0]}`;
        return { file, line: pos.line, column: pos.col, message };
      }),
      HINT,
    );
  }
  const read = documentData(doc, file);
  if (read.problems.length > 0) throw new InputFileError(read.problems, HINT);
  const data = read.data;
  const requireKey = options.requireKey ?? true;
  if (data === null || data === undefined || data === '') {
    if (!requireKey) return [];
    throw new InputFileError([{ file, message: 'the file is empty; expected a "suppressions:" list' }], HINT);
  }
  if (!requireKey && typeof data === 'object' && !Array.isArray(data) && !('suppressions' in data)) return [];

  const where = new Locator(doc, lines);
  const check = suppressionsValidator();
  const problems: FileProblem[] = [];
  if (!check(data)) {
    for (const e of check.errors ?? []) {
      const p = schemaProblem(e, file, where);
      if (p && !problems.some((q) => q.path === p.path && q.message === p.message)) problems.push(p);
    }
  }
  const list = (data as { suppressions?: unknown }).suppressions;
  const raw = (Array.isArray(list) ? list : []) as Array<Record<string, string>>;
  raw.forEach((entry, i) => {
    if (entry && typeof entry.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.expires) && !isRealDate(entry.expires)) {
      problems.push({ file, ...where.at(['suppressions', i, 'expires']), path: pathText(['suppressions', i, 'expires']), message: `"${entry.expires}" is not a calendar date` });
    }
  });
  problems.push(...patternProblems(raw, file, where, options.ruleIds));
  if (problems.length > 0) throw new InputFileError(problems.slice(0, 20), HINT);

  return raw.map((entry, i) => {
    const out: SuppressionEntry = { rule: String(entry.rule), reason: '' };
    for (const key of ['account', 'region', 'resource'] as const) if (entry[key] !== undefined) out[key] = String(entry[key]);
    out.reason = String(entry.reason).trim();
    if (entry.expires) out.expires = String(entry.expires);
    const line = where.at(['suppressions', i]).line;
    out.source = line !== undefined ? `${file}:${line}` : file;
    return out;
  });
}

/** Whether a suppression glob covers a value: * any run of characters (also / and :), ? one character. */
export function globMatch(glob: string, value: string | undefined): boolean {
  return globMatches(glob, value);
}

/** Whether an entry covers a finding (ignoring expiry). */
export function entryMatches(entry: SuppressionEntry, f: Finding): boolean {
  if (!globMatch(entry.rule, f.ruleId)) return false;
  if (entry.account !== undefined && !globMatch(entry.account, f.accountId) && !globMatch(entry.account, f.accountName)) return false;
  if (entry.region !== undefined && !globMatch(entry.region, f.region)) return false;
  if (entry.resource !== undefined && ![f.resourceId, f.resourceArn, f.resourceName].some((v) => globMatch(entry.resource as string, v))) return false;
  return true;
}

/** An entry applies through its expiry day (UTC) and is expired from the next day on. */
export function isExpired(entry: SuppressionEntry, now: Date): boolean {
  return entry.expires !== undefined && now.toISOString().slice(0, 10) > entry.expires;
}

export interface SuppressionResult extends SuppressionProblems {
  findings: Finding[];
}

/**
 * Mark the findings that an entry covers as suppressed (the first live entry in file order wins;
 * a finding already suppressed keeps its mark). Expired entries do not apply and are returned as
 * expired; live entries that cover no finding are returned as stale.
 */
export function applySuppressions(findings: Finding[], entries: SuppressionEntry[], now: Date): SuppressionResult {
  const expired = entries.filter((e) => isExpired(e, now));
  const live = entries.filter((e) => !isExpired(e, now));
  const used = new Set<SuppressionEntry>();
  const out = findings.map((f) => {
    let first: SuppressionEntry | undefined;
    for (const e of live) {
      if (entryMatches(e, f)) {
        used.add(e);
        first ??= e;
      }
    }
    if (!first || f.suppressed) return f;
    const suppressed: Finding['suppressed'] = { reason: first.reason };
    if (first.expires) suppressed.expires = first.expires;
    if (first.source) suppressed.source = first.source;
    return { ...f, suppressed };
  });
  return { findings: out, expired, stale: live.filter((e) => !used.has(e)) };
}

export interface LoadSuppressionsOptions {
  /** --suppressions FILE (must exist and hold a suppressions: list). */
  file?: string;
  /** Folder searched for .costguard.yml (default: process.cwd()). */
  cwd?: string;
  /** The loaded rule ids, to refuse an entry whose rule matches none. */
  ruleIds?: readonly string[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError([{ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

/** Entries of --suppressions FILE plus those of .costguard.yml in the working directory (each file once). */
export function loadSuppressions(options: LoadSuppressionsOptions = {}): SuppressionEntry[] {
  const entries: SuppressionEntry[] = [];
  const seen = new Set<string>();
  if (options.file) {
    seen.add(resolve(options.file));
    entries.push(...parseSuppressions(readText(options.file), options.file, { requireKey: true, ruleIds: options.ruleIds }));
  }
  const config = join(options.cwd ?? process.cwd(), CONFIG_FILE);
  if (existsSync(config) && !seen.has(resolve(config))) {
    entries.push(...parseSuppressions(readText(config), CONFIG_FILE, { requireKey: false, ruleIds: options.ruleIds }));
  }
  return entries;
}
