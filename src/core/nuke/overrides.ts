// Command-line flags on top of a nuke config. Flags only ever narrow what the config selects:
// --include/--region pick within the config's types and regions, --tag/--newer-than/--older-than
// add conditions that must also hold, --exclude/--keep-tag add protection.
import type { Condition } from '../conditions/types.js';
import { DURATION_HINT, isDuration } from '../duration.js';
import { UsageError } from '../errors.js';
import { matchesAny, selectTypes, unknownTypePattern } from './type-globs.js';
import type { NamedCondition, NukeConfig } from './types.js';

export interface NukeOverrides {
  include?: string[];
  exclude?: string[];
  regions?: string[];
  newerThan?: string;
  olderThan?: string;
  /** --tag KEY=VALUE: only resources with this tag value. */
  tags?: Record<string, string>;
  /** --keep-tag KEY[=VALUE]: resources with this tag (and value) stay. */
  keepTags?: Array<{ key: string; value?: string }>;
  includeDefaultVpc?: boolean;
}

const test = (field: string, operator: string, value: unknown): Condition => ({ kind: 'test', field, operator, value });

function checkPatterns(flag: string, patterns: string[], known: readonly string[]): void {
  for (const pattern of patterns) {
    const problem = unknownTypePattern(pattern, known);
    if (problem) {
      const suggestion = problem.suggestion ? ` (did you mean "${problem.suggestion}"?)` : '';
      throw new UsageError(`--${flag}: ${problem.message}${suggestion}`, `Types costguard can delete: ${known.join(', ')}`);
    }
  }
}

function checkDuration(flag: string, value: string | undefined): void {
  if (value !== undefined && !isDuration(value)) throw new UsageError(`--${flag} "${value}" is not ${DURATION_HINT}`);
}

/** "KEY[=VALUE]" -> { key, value? } */
export function parseKeepTag(text: string): { key: string; value?: string } {
  const i = text.indexOf('=');
  const key = (i < 0 ? text : text.slice(0, i)).trim();
  if (!key) throw new UsageError(`--keep-tag "${text}": expected KEY or KEY=VALUE`);
  return i < 0 ? { key } : { key, value: text.slice(i + 1).trim() };
}

/**
 * The config the run uses: the file's (or the defaults) narrowed by the flags. Type globs become the
 * concrete list of removable types they match, so the plan and the JSON say exactly what is in scope.
 */
export function applyOverrides(config: NukeConfig, overrides: NukeOverrides, removableTypes: readonly string[]): NukeConfig {
  checkPatterns('include', overrides.include ?? [], removableTypes);
  checkPatterns('exclude', overrides.exclude ?? [], removableTypes);
  checkDuration('newer-than', overrides.newerThan);
  checkDuration('older-than', overrides.olderThan);

  let types = selectTypes(removableTypes, config.types.include, config.types.exclude);
  if (overrides.include && overrides.include.length > 0) {
    const outside = overrides.include.filter((p) => !types.some((t) => matchesAny(t, [p])));
    if (outside.length > 0) {
      throw new UsageError(`--include ${outside[0]}: the config (${config.source}) does not include that type`, 'Flags only narrow what the config selects; edit the config to widen it.');
    }
    types = types.filter((t) => matchesAny(t, overrides.include as string[]));
  }
  types = types.filter((t) => !matchesAny(t, overrides.exclude ?? []));

  let regions = config.regions;
  if (overrides.regions && overrides.regions.length > 0) {
    const outside = config.regions ? overrides.regions.filter((r) => !config.regions?.includes(r)) : [];
    if (outside.length > 0) {
      throw new UsageError(`--region ${outside[0]}: the config (${config.source}) only covers ${config.regions?.join(', ')}`);
    }
    regions = [...new Set(overrides.regions)];
  }

  const select: NamedCondition[] = [...config.select];
  if (overrides.newerThan) select.push({ label: `--newer-than ${overrides.newerThan}`, condition: test('createdAt', 'newerThan', overrides.newerThan) });
  if (overrides.olderThan) select.push({ label: `--older-than ${overrides.olderThan}`, condition: test('createdAt', 'olderThan', overrides.olderThan) });
  for (const [key, value] of Object.entries(overrides.tags ?? {})) {
    select.push({ label: `--tag ${key}=${value}`, condition: test(`tags.${key}`, 'eq', value) });
  }

  const keep: NamedCondition[] = [...config.keep];
  for (const { key, value } of overrides.keepTags ?? []) {
    keep.push(
      value === undefined
        ? { label: `--keep-tag ${key}`, condition: test(`tags.${key}`, 'present', true) }
        : { label: `--keep-tag ${key}=${value}`, condition: test(`tags.${key}`, 'eq', value) },
    );
  }

  return {
    ...config,
    types: { include: types, exclude: [] },
    ...(regions ? { regions } : {}),
    select,
    keep,
    includeDefaultVpc: config.includeDefaultVpc || overrides.includeDefaultVpc === true,
  };
}
