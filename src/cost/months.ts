// Calendar math for Cost Explorer periods. Cost Explorer works in UTC days; end dates are exclusive.

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "YYYY-MM" of a date (UTC) or of an ISO day string. */
export function monthKey(date: Date | string): string {
  return typeof date === 'string' ? date.slice(0, 7) : date.toISOString().slice(0, 7);
}

export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function startOfMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The first day of the month `count` months after (negative: before) the month of `date`. */
export function addMonths(date: Date, count: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1));
}

export function daysInMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Whole days of the month that are over (today is not). */
export function completedDaysInMonth(now: Date): number {
  return now.getUTCDate() - 1;
}

export interface Period {
  /** Inclusive, YYYY-MM-DD. */
  start: string;
  /** Exclusive, YYYY-MM-DD. */
  end: string;
}

/**
 * The `months` full months before this one plus this month up to today (exclusive: today's costs are
 * not complete). On the first day of a month the current month has no complete day yet and is absent.
 */
export function historyPeriod(now: Date, months: number): Period {
  return { start: isoDay(addMonths(now, -Math.max(1, months))), end: isoDay(startOfDay(now)) };
}

/** From today to the end of this month: what GetCostForecast is asked for. */
export function forecastPeriod(now: Date): Period {
  return { start: isoDay(startOfDay(now)), end: isoDay(addMonths(now, 1)) };
}

/** Every month key from `start` (YYYY-MM-DD) to the month of `now`, oldest first. */
export function monthsBetween(start: string, now: Date): string[] {
  const out: string[] = [];
  for (let d = startOfMonth(new Date(`${start}T00:00:00Z`)); d <= now; d = addMonths(d, 1)) out.push(monthKey(d));
  return out;
}

/** Whole days from `now` until `iso` (negative when past); undefined for a bad date. */
export function daysUntil(now: Date, iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return Math.floor((time - now.getTime()) / DAY_MS);
}
