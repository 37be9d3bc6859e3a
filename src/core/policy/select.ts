// Which rules run: --pack, --only and --skip.
import { UsageError } from '../errors.js';
import { globMatches, globProblem, isGlob } from '../patterns.js';
import { didYouMean } from './did-you-mean.js';
import type { Pack, Rule } from './types.js';

export interface RuleSelectionOptions {
  /** Rule ids or globs ("ec2-*"). */
  only?: string[];
  skip?: string[];
  /** Pack names; default: the packs marked default: true. */
  packsSelected?: string[];
}

const RULES_HINT = 'List rules with: costguard policies list';

function selectedPacks(packs: Pack[], names: string[] | undefined): Pack[] {
  if (!names || names.length === 0) return packs.filter((p) => p.default);
  const known = packs.map((p) => p.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const parts = unknown.map((name) => withSuggestion(`unknown pack "${name}"`, didYouMean(name, known)));
    throw new UsageError(parts.join('; '), `Packs: ${known.join(', ') || '(none loaded)'}`);
  }
  return packs.filter((p) => names.includes(p.name));
}

function withSuggestion(message: string, suggestion: string | undefined): string {
  return suggestion ? `${message} (did you mean "${suggestion}"?)` : message;
}

function matchesPattern(rule: Rule, pattern: string): boolean {
  return globMatches(pattern, rule.id);
}

/** Rules matching any pattern; every pattern must match at least one rule of `pool`. */
function pick(pool: Rule[], patterns: string[], flag: string, everyRule: Rule[]): Set<Rule> {
  const picked = new Set<Rule>();
  const problems: string[] = [];
  for (const pattern of patterns) {
    const invalid = globProblem(pattern);
    if (invalid) {
      problems.push(`${flag} ${invalid}`);
      continue;
    }
    const matches = pool.filter((rule) => matchesPattern(rule, pattern));
    if (matches.length === 0) problems.push(unknownRuleMessage(pattern, flag, pool, everyRule));
    matches.forEach((rule) => picked.add(rule));
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '), RULES_HINT);
  return picked;
}

function unknownRuleMessage(pattern: string, flag: string, pool: Rule[], everyRule: Rule[]): string {
  const elsewhere = everyRule.find((rule) => matchesPattern(rule, pattern));
  if (elsewhere) return `${flag} "${pattern}": rule "${elsewhere.id}" is in pack "${elsewhere.pack}", which is not selected (add --pack ${elsewhere.pack})`;
  const noun = isGlob(pattern) ? 'no rule matches' : 'unknown rule id';
  return withSuggestion(`${flag} ${noun} "${pattern}"`, didYouMean(pattern, pool.map((r) => r.id)));
}

/**
 * The rules to run. Without packsSelected, `only` may pick any loaded rule (so one rule of a
 * non-default pack can be run by id); with packsSelected it picks within those packs.
 */
export function selectRules(packs: Pack[], options: RuleSelectionOptions = {}): Rule[] {
  const everyRule = packs.flatMap((p) => p.rules);
  const base = selectedPacks(packs, options.packsSelected).flatMap((p) => p.rules);
  const onlyPool = options.packsSelected && options.packsSelected.length > 0 ? base : everyRule;
  const chosen = options.only && options.only.length > 0 ? pick(onlyPool, options.only, '--rule', everyRule) : new Set(base);
  const skipped = options.skip && options.skip.length > 0 ? pick(everyRule, options.skip, '--skip-rule', everyRule) : new Set<Rule>();
  return everyRule.filter((rule) => chosen.has(rule) && !skipped.has(rule));
}

/**
 * nuke --findings values -> rule ids: a pack name means all its rules, anything else is a rule id
 * or glob. An unknown value is a UsageError naming it, with a did-you-mean over pack names and rule ids.
 */
export function findingRuleIds(packs: Pack[], values: string[]): string[] {
  const everyRule = packs.flatMap((p) => p.rules);
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const value of values) {
    const pack = packs.find((p) => p.name === value);
    if (pack) {
      pack.rules.forEach((rule) => ids.add(rule.id));
      continue;
    }
    const invalid = globProblem(value);
    if (invalid) {
      problems.push(`--findings ${invalid}`);
      continue;
    }
    const matches = everyRule.filter((rule) => matchesPattern(rule, value));
    if (matches.length === 0) {
      const names = [...packs.map((p) => p.name), ...everyRule.map((r) => r.id)];
      const noun = isGlob(value) ? 'matches no pack or rule' : 'is not a pack name or rule id';
      problems.push(withSuggestion(`--findings "${value}" ${noun}`, didYouMean(value, names)));
    }
    matches.forEach((rule) => ids.add(rule.id));
  }
  if (problems.length > 0) throw new UsageError(problems.join('; '), `Packs: ${packs.map((p) => p.name).join(', ')}. ${RULES_HINT}`);
  return [...ids];
}
