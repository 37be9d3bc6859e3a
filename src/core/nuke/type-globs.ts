// Resource type globs in nuke configs and --include/--exclude: "ec2:*", "*:log-group", or a type id.
import { globMatches, globProblem, isGlob } from '../patterns.js';
import { didYouMean } from '../policy/did-you-mean.js';

export function matchesTypeGlob(type: string, pattern: string): boolean {
  return globMatches(pattern, type);
}

export function matchesAny(type: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesTypeGlob(type, p));
}

/** Types matching an include pattern and no exclude pattern, in the order given. */
export function selectTypes(all: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  return all.filter((t) => matchesAny(t, include) && !matchesAny(t, exclude));
}

/** A problem message when the pattern matches no known type, with a suggestion for a likely typo. */
export function unknownTypePattern(pattern: string, known: readonly string[]): { message: string; suggestion?: string } | undefined {
  const invalid = globProblem(pattern);
  if (invalid) return { message: invalid };
  if (known.some((t) => matchesTypeGlob(t, pattern))) return undefined;
  const suggestion = didYouMean(pattern, known);
  return {
    message: isGlob(pattern) ? `"${pattern}" matches no resource type costguard can delete` : `unknown resource type "${pattern}"`,
    ...(suggestion ? { suggestion } : {}),
  };
}
