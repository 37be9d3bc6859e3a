// Money in one place: dollars are rounded to cents and written the same way everywhere
// ("$1,234.50"), and an amount nobody knows is a placeholder, never $0.00.

/** What stands for an amount that is not known. */
export const UNKNOWN_USD = '—';

/** Round a dollar amount to cents, without binary float leftovers (0.1 + 0.2 → 0.3). */
export function roundCents(usd: number): number {
  return Math.round((usd + Number.EPSILON) * 100) / 100;
}

/** The sum of some dollar amounts, in cents; unknown amounts count as nothing. */
export function sumUsd(amounts: Iterable<number | null | undefined>): number {
  let total = 0;
  for (const amount of amounts) total += amount ?? 0;
  return roundCents(total);
}

/** "$3.65", "$1,234.50"; null or undefined → the placeholder. */
export function formatUsd(usd: number | null | undefined, unknown = UNKNOWN_USD): string {
  if (usd === null || usd === undefined) return unknown;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
