// A keep entry that matches nothing in the whole run is most likely a mistake (a tag value or name
// that changed); the plan says so instead of keeping nothing in silence.
import { matchesCondition } from '../conditions/match.js';
import type { MatchScope } from '../conditions/types.js';
import type { Resource } from '../model.js';
import type { NamedCondition } from './types.js';

/** One warning per keep entry that matches none of the resources listed in this run. */
export function unusedKeepWarnings(keep: readonly NamedCondition[], resources: readonly Resource[], now: Date): string[] {
  const scope: MatchScope = { params: {}, prices: {}, now };
  return keep
    .filter((entry) => !resources.some((r) => matchesCondition(r, entry.condition, scope)))
    .map((entry) => `${entry.label} matched no resource in this run: it keeps nothing (check its fields and values)`);
}
