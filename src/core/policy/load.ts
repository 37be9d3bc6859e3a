// Read policy pack files: YAML -> schema check -> compiled Pack, every problem located.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { yaml } from '../yaml.js';
import { InputFileError, type FileProblem } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { precompiled } from '../precompiled.js';
import type { TypeCatalog } from '../type-catalog.js';
import { compilePack } from './compile.js';
import type { Pack } from './types.js';
import { schemaIssues } from './validate-schema.js';
import { documentData, yamlErrorMessage } from './yaml-input.js';
import { makeLocator, problemAt, type LocatedIssue } from './yaml-locate.js';

const POLICY_HINT = 'See docs/policy-language.md for the policy file format.';

export interface PackLoadOptions {
  /** Check resource types, fields and operators against these types. */
  catalog?: TypeCatalog;
  /** Packs loaded alongside (the built-ins): a rule id or pack name they hold is a duplicate. */
  alongside?: readonly Pack[];
}


function yamlProblems(document: Document, file: string): FileProblem[] {
  return document.errors.map((error) => ({
    file,
    ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
    message: yamlErrorMessage(error.message),
  }));
}

function byPosition(a: FileProblem, b: FileProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function unique(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Parse one policy pack; `pack` is set only when there are no problems. */
export function parsePack(text: string, file: string, options: PackLoadOptions = {}): { pack?: Pack; problems: FileProblem[] } {
  const { draft, problems } = parsePackDraft(text, file, options);
  return problems.length === 0 ? { pack: draft, problems } : { problems };
}

/** The pack as far as it compiles (for cross-pack checks that still report every problem), and its problems. */
function parsePackDraft(text: string, file: string, options: PackLoadOptions): { draft?: Pack; problems: FileProblem[] } {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) return { problems: yamlProblems(document, file) };
  const locate = makeLocator(document, lineCounter);
  const read = documentData(document, file, locate);
  if (read.problems.length > 0) return { problems: read.problems };
  const data = read.data;
  if (data === null || data === undefined) return { problems: [{ file, message: 'the file is empty; a policy pack needs pack: and rules:' }] };
  const issues: LocatedIssue[] = schemaIssues(data);
  const pack =
    typeof data === 'object' && !Array.isArray(data)
      ? compilePack(data as Record<string, unknown>, file, (issue) => issues.push(issue), (path) => locate(path)?.line, options.catalog)
      : undefined;
  return { draft: pack, problems: unique(issues.map((issue) => problemAt(file, locate, issue))).sort(byPosition) };
}

function readPolicyFile(path: string): { text?: string; problem?: FileProblem } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { problem: { file: path, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
  }
}

function parsePackFile(path: string, options: PackLoadOptions): { draft?: Pack; problems: FileProblem[] } {
  const { text, problem } = readPolicyFile(path);
  return problem ? { problems: [problem] } : parsePackDraft(text as string, path, options);
}

/** Rule ids must be unique across packs (the built-ins loaded alongside included), and so must pack names. */
function crossPackProblems(packs: Pack[], alongside: readonly Pack[] = []): FileProblem[] {
  const problems: FileProblem[] = [];
  const packByName = new Map<string, Pack>();
  const ruleById = new Map<string, { pack: Pack; line?: number }>();
  const own = new Set(packs.map((p) => resolve(p.file)));
  for (const pack of alongside) {
    if (own.has(resolve(pack.file))) continue;
    packByName.set(pack.name, pack);
    for (const rule of pack.rules) if (!ruleById.has(rule.id)) ruleById.set(rule.id, { pack, line: rule.source.line });
  }
  for (const pack of packs) {
    const other = packByName.get(pack.name);
    if (other) problems.push({ file: pack.file, line: 1, path: 'pack', message: `duplicate pack name "${pack.name}": also defined in ${other.file}` });
    else packByName.set(pack.name, pack);
    pack.rules.forEach((rule, index) => {
      const first = ruleById.get(rule.id);
      if (!first) return void ruleById.set(rule.id, { pack, line: rule.source.line });
      if (first.pack === pack) return; // reported by the pack's own compile
      const where = first.line ? `${first.pack.file}:${first.line}` : first.pack.file;
      problems.push({ file: pack.file, line: rule.source.line, path: `rules[${index}].id`, message: `duplicate rule id "${rule.id}": also defined in ${where}` });
    });
  }
  return problems;
}

function parseAll(paths: string[], options: PackLoadOptions): { packs: Pack[]; problems: FileProblem[] } {
  const packs: Pack[] = [];
  const drafts: Pack[] = [];
  const problems: FileProblem[] = [];
  for (const path of paths) {
    const result = parsePackFile(path, options);
    if (result.draft) drafts.push(result.draft);
    if (result.draft && result.problems.length === 0) packs.push(result.draft);
    problems.push(...result.problems);
  }
  problems.push(...crossPackProblems(drafts, options.alongside));
  return { packs, problems };
}

/** Every problem in the given policy files (empty when all are valid). */
export function validatePackFiles(paths: string[], options: PackLoadOptions = {}): FileProblem[] {
  return parseAll(paths, options).problems;
}

/** Load several packs; throws one InputFileError listing the problems of every file. */
export function loadPackFiles(paths: string[], options: PackLoadOptions = {}): Pack[] {
  const { packs, problems } = parseAll(paths, options);
  if (problems.length > 0) throw new InputFileError(problems, POLICY_HINT);
  return packs;
}

export function loadPackFile(path: string, options: PackLoadOptions = {}): Pack {
  return loadPackFiles([path], options)[0];
}

/** The package's policies/ folder (from src/ under tests or dist/src/ when built). */
export function builtinPolicyDir(): string {
  return join(packageRoot(), 'policies');
}

/** Whether a YAML file is a policy pack (its top level has a `pack:` key); nuke configs and others live there too. */
export function isPackFile(text: string): boolean {
  const document = yaml().parseDocument(text);
  return yaml().isMap(document.contents) && document.contents.has('pack');
}

/** The built-in pack files, in name order. */
export function builtinPackFiles(dir = builtinPolicyDir()): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => isPackFile(readFileSync(path, 'utf8')));
}

/** A pack with its file names (pack.file, each rule's source.file) passed through `rename`. */
function renamePackFiles(pack: Pack, rename: (file: string) => string): Pack {
  return { ...pack, file: rename(pack.file), rules: pack.rules.map((rule) => ({ ...rule, source: { ...rule.source, file: rename(rule.source.file) } })) };
}

/**
 * The built-in packs as the build stores them: compiled and checked (against the type catalog
 * when given), file names relative to policies/. loadBuiltinPacks gives them back with full paths.
 */
export function precompileBuiltinPacks(options: Pick<PackLoadOptions, 'catalog'> = {}): Pack[] {
  const files = builtinPackFiles();
  // Checked with the options; stored as a run from source compiles them (without a catalog).
  loadPackFiles(files, options);
  return loadPackFiles(files).map((pack) => renamePackFiles(pack, (file) => basename(file)));
}

/**
 * The built-in packs: when bundled, the build's compiled copy (the build checked them against the
 * type catalog; so does a unit test), else read from policies/. Each call gives new objects.
 */
export function loadBuiltinPacks(options: Pick<PackLoadOptions, 'catalog'> = {}): Pack[] {
  if (!precompiled) return loadPackFiles(builtinPackFiles(), options);
  const dir = builtinPolicyDir();
  return (JSON.parse(precompiled.packs) as Pack[]).map((pack) => renamePackFiles(pack, (file) => join(dir, file)));
}
