// Suggestions for misspelt keys, operators, rule ids, params, resource types and fields.
import { distance } from 'fastest-levenshtein';

/**
 * Edit distance where swapping two neighbouring letters counts as one edit ("contian" -> "contains"
 * is 2, not 3): the library's Levenshtein distance, also tried with each neighbouring pair of the
 * input swapped (one slip of the fingers, plus one edit for the swap).
 */
function typoDistance(a: string, b: string): number {
  let best = distance(a, b);
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] === a[i + 1]) continue;
    const swapped = `${a.slice(0, i)}${a[i + 1]}${a[i]}${a.slice(i + 2)}`;
    best = Math.min(best, 1 + distance(swapped, b));
  }
  return best;
}

/** The closest candidate when it is close enough to be a likely typo, else undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length * 0.4));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const lower = candidate.toLowerCase();
    const d = typoDistance(wanted, lower);
    if (d <= limit && (!best || d < best.distance)) best = { candidate, distance: d };
  }
  return best?.candidate;
}

/** Alias of didYouMean, kept for callers that use this name. */
export const closestMatch = didYouMean;
