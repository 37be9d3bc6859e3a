// Read nuke configs: YAML -> schema check -> compiled NukeConfig, every problem located by file,
// line, column and path (exit 2 through InputFileError).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { yaml } from '../yaml.js';
import { parseCondition } from '../conditions/parse.js';
import { InputFileError, type FileProblem } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { schemaValidator } from '../schema-validator.js';
import { didYouMean } from '../policy/did-you-mean.js';
import { formatPath, type PathSegment } from '../policy/path.js';
import { documentData, yamlErrorMessage } from '../policy/yaml-input.js';
import { makeLocator, problemAt, type LocatedIssue, type Locator } from '../policy/yaml-locate.js';
import { globProblem } from '../patterns.js';
import { typeNames, type TypeCatalog } from '../type-catalog.js';
import { ACCOUNT_ID_PATTERN, buildNukeConfigSchema, CONFIG_NAME_PATTERN, REGION_PATTERN, TYPE_GLOB_PATTERN } from './schema.js';
import { selectTypes, unknownTypePattern } from './type-globs.js';
import { DEFAULT_BLOCK_TERMS, DEFAULT_KEEP_TAG, type NamedCondition, type NukeConfig } from './types.js';

export const NUKE_CONFIG_HINT = 'See docs/nuke.md for the nuke config format; policies/lab-cleanup.yml is a starting point.';

/** The config used without --config: every type, every region, keep tag and `prod` block term. */
export function defaultNukeConfig(): NukeConfig {
  return {
    source: 'built-in defaults',
    accounts: { allow: [], block: [], blockTerms: [...DEFAULT_BLOCK_TERMS] },
    types: { include: ['*'], exclude: [] },
    select: [],
    keep: [],
    keepTag: DEFAULT_KEEP_TAG,
    includeDefaultVpc: false,
  };
}


/** The schema a nuke config is checked against; conditions are checked by parseCondition, which knows the operators and says more. */
export function nukeConfigValidatorSchema(): object {
  const schema = buildNukeConfigSchema() as { definitions: Record<string, unknown> };
  schema.definitions = { condition: {} };
  return schema;
}

function configValidator(): ValidateFunction {
  return schemaValidator('nukeConfig', nukeConfigValidatorSchema);
}

const PATTERN_WORDS: Record<string, string> = {
  [ACCOUNT_ID_PATTERN]: 'must be a 12-digit account id',
  [REGION_PATTERN]: 'must be a region name such as us-east-1',
  [TYPE_GLOB_PATTERN]: 'must look like service:type, e.g. ec2:instance or ec2:*',
  [CONFIG_NAME_PATTERN]: 'must use only lowercase letters, digits and "-"',
};

const TYPE_WORDS: Record<string, string> = { string: 'a string', boolean: 'true or false', array: 'a list', object: 'a mapping', number: 'a number' };

function segmentsOf(instancePath: string): PathSegment[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function issueFor(error: ErrorObject): LocatedIssue | undefined {
  const path = segmentsOf(error.instancePath);
  const name = path.length === 0 ? 'the config' : formatPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const message = key === 'pack' && path.length === 0 ? 'unknown key "pack": this is a policy pack, not a nuke config' : `unknown key "${key}"`;
      return { path: [...path, key], message, suggestion: didYouMean(key, known), atKey: true };
    }
    case 'type': {
      const types = (Array.isArray(params.type) ? params.type : [params.type]).map((t) => TYPE_WORDS[String(t)] ?? String(t));
      return { path, message: path.length === 0 ? 'a nuke config must be a mapping (accounts:, regions:, types:, select:, keep:)' : `${name} must be ${types.join(' or ')}` };
    }
    case 'pattern': {
      const pattern = String(params.pattern);
      return { path, message: `${name} "${String(error.data)}" ${PATTERN_WORDS[pattern] ?? `must match ${pattern}`}` };
    }
    case 'uniqueItems':
      return { path, message: `${name} lists the same value twice` };
    case 'minLength':
      return { path, message: `${name} must not be empty` };
    default:
      return { path, message: `${name} ${error.message ?? 'is not valid'}` };
  }
}


interface RawConfig {
  nuke?: string;
  description?: string;
  accounts?: { allow?: string[]; block?: string[]; blockTerms?: string[] };
  regions?: string[];
  types?: { include?: string[]; exclude?: string[] };
  select?: unknown;
  keep?: unknown[];
  keepTag?: string;
  includeDefaultVpc?: boolean;
}

/** The catalog types select and keep can see: the deletable types the config's types: section picks. */
function typesInScope(raw: RawConfig, catalog: TypeCatalog | undefined): string[] | undefined {
  if (!catalog) return undefined;
  const valid = (list: unknown) => (Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && !globProblem(p)) : []);
  const include = valid(raw.types?.include);
  const deletable = typeNames(catalog).filter((t) => catalog.types[t].deletable !== false);
  const picked = selectTypes(deletable, include.length > 0 ? include : ['*'], valid(raw.types?.exclude));
  return picked.length > 0 ? picked : typeNames(catalog);
}

function compileConditions(raw: RawConfig, file: string, locate: Locator, catalog?: TypeCatalog): { select?: NamedCondition; keep: NamedCondition[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const types = typesInScope(raw, catalog);
  const options = catalog && types ? { catalog, types } : {};
  let select: NamedCondition | undefined;
  if (raw.select !== undefined && raw.select !== null) {
    const parsed = parseCondition(raw.select, file, ['select'], locate, options);
    problems.push(...parsed.problems);
    select = { label: 'select', condition: parsed.condition };
  }
  const keep: NamedCondition[] = [];
  (Array.isArray(raw.keep) ? raw.keep : []).forEach((entry, i) => {
    const parsed = parseCondition(entry, file, ['keep', i], locate, options);
    problems.push(...parsed.problems);
    keep.push({ label: `keep[${i}]`, condition: parsed.condition });
  });
  return { select, keep, problems };
}

function typeProblems(raw: RawConfig, file: string, locate: Locator, knownTypes: readonly string[] | undefined): FileProblem[] {
  if (!knownTypes) return [];
  const problems: FileProblem[] = [];
  for (const list of ['include', 'exclude'] as const) {
    (raw.types?.[list] ?? []).forEach((pattern, i) => {
      if (typeof pattern !== 'string' || !new RegExp(TYPE_GLOB_PATTERN).test(pattern)) return; // the schema says why
      const problem = unknownTypePattern(pattern, knownTypes);
      if (problem) problems.push(problemAt(file, locate, { path: ['types', list, i], ...problem }));
    });
  }
  return problems;
}

/**
 * Parse one nuke config; `config` is set only when there are no problems. `knownTypes` checks type
 * globs; `catalog` checks the fields, operators and types that select and keep name.
 */
export function parseNukeConfig(text: string, file: string, knownTypes?: readonly string[], catalog?: TypeCatalog): { config?: NukeConfig; problems: FileProblem[] } {
  const lineCounter = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter, prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      problems: document.errors.map((error) => ({
        file,
        ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
        message: yamlErrorMessage(error.message),
      })),
    };
  }
  const locate = makeLocator(document, lineCounter);
  const read = documentData(document, file, locate);
  if (read.problems.length > 0) return { problems: read.problems };
  const data = read.data;
  if (data === null || data === undefined) return { config: { ...defaultNukeConfig(), source: file }, problems: [] };
  const check = configValidator();
  const problems: FileProblem[] = check(data) ? [] : (check.errors ?? []).map(issueFor).filter((i): i is LocatedIssue => i !== undefined).map((i) => problemAt(file, locate, i));
  if (typeof data !== 'object' || Array.isArray(data)) return { problems };
  const raw = data as RawConfig;
  const conditions = compileConditions(raw, file, locate, catalog);
  problems.push(...conditions.problems, ...typeProblems(raw, file, locate, knownTypes));
  if (problems.length > 0) return { problems: dedupe(problems) };
  const defaults = defaultNukeConfig();
  const config: NukeConfig = {
    source: file,
    ...(raw.nuke ? { name: raw.nuke } : {}),
    ...(raw.description ? { description: raw.description } : {}),
    accounts: {
      allow: raw.accounts?.allow ?? [],
      block: raw.accounts?.block ?? [],
      blockTerms: raw.accounts?.blockTerms ?? defaults.accounts.blockTerms,
    },
    ...(raw.regions && raw.regions.length > 0 ? { regions: raw.regions } : {}),
    types: { include: raw.types?.include && raw.types.include.length > 0 ? raw.types.include : ['*'], exclude: raw.types?.exclude ?? [] },
    select: conditions.select ? [conditions.select] : [],
    keep: conditions.keep,
    keepTag: raw.keepTag ?? DEFAULT_KEEP_TAG,
    includeDefaultVpc: raw.includeDefaultVpc ?? false,
  };
  return { config, problems: [] };
}

function dedupe(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** A config path, or the name of a shipped one ("lab-cleanup" -> policies/lab-cleanup.yml). */
export function resolveNukeConfigPath(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  if (/^[a-z0-9-]+$/.test(nameOrPath)) {
    const shipped = join(packageRoot(), 'policies', `${nameOrPath}.yml`);
    if (existsSync(shipped)) return shipped;
  }
  return nameOrPath;
}

/** Load a nuke config file; throws InputFileError (exit 2) listing every problem. */
export function loadNukeConfig(nameOrPath: string, knownTypes?: readonly string[], catalog?: TypeCatalog): NukeConfig {
  const file = resolveNukeConfigPath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError([{ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], NUKE_CONFIG_HINT);
  }
  const { config, problems } = parseNukeConfig(text, file, knownTypes, catalog);
  if (!config || problems.length > 0) throw new InputFileError(problems, NUKE_CONFIG_HINT);
  return config;
}
