// Durations in policy files: "45s", "30m", "8h", "90d", "2w".

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/;

export const DURATION_HINT = 'a duration such as 90d, 8h, 30m, 2w or 45s';

export function isDuration(text: unknown): boolean {
  return typeof text === 'string' && DURATION.test(text);
}

/** Milliseconds in a duration such as "90d"; throws with a plain message on anything else. */
export function parseDuration(text: string): number {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (!match) throw new Error(`"${String(text)}" is not ${DURATION_HINT}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}
