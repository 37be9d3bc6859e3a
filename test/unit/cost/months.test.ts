import { describe, expect, it } from 'vitest';
import { addMonths, completedDaysInMonth, daysInMonth, daysUntil, forecastPeriod, historyPeriod, isoDay, monthsBetween } from '../../../src/cost/months.js';

describe('month math', () => {
  it('asks for N full months plus this month up to today (end exclusive)', () => {
    expect(historyPeriod(new Date('2026-11-21T12:00:00Z'), 6)).toEqual({ start: '2026-05-01', end: '2026-11-21' });
    expect(historyPeriod(new Date('2026-02-10T00:00:00Z'), 3)).toEqual({ start: '2025-11-01', end: '2026-02-10' });
  });

  it('leaves the current month out on its first day (no complete day yet) and still has a valid period', () => {
    const period = historyPeriod(new Date('2026-12-01T08:00:00Z'), 1);
    expect(period).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(period.start < period.end).toBe(true);
  });

  it('forecasts from today to the first day of next month, across a year end', () => {
    expect(forecastPeriod(new Date('2026-11-21T12:00:00Z'))).toEqual({ start: '2026-11-21', end: '2026-12-01' });
    expect(forecastPeriod(new Date('2026-12-31T23:59:59Z'))).toEqual({ start: '2026-12-31', end: '2027-01-01' });
  });

  it('counts days in UTC, leap years included', () => {
    expect(daysInMonth(new Date('2028-02-10T00:00:00Z'))).toBe(29);
    expect(daysInMonth(new Date('2026-02-10T00:00:00Z'))).toBe(28);
    expect(completedDaysInMonth(new Date('2026-11-01T23:00:00Z'))).toBe(0);
    expect(isoDay(addMonths(new Date('2026-01-31T00:00:00Z'), 1))).toBe('2026-02-01');
  });

  it('lists every month of the window, oldest first', () => {
    expect(monthsBetween('2026-10-01', new Date('2027-01-05T00:00:00Z'))).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
  });

  it('counts whole days until a date, negative when past', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(daysUntil(now, '2026-12-01T12:00:00Z')).toBe(10);
    expect(daysUntil(now, '2026-11-20T12:00:00Z')).toBe(-1);
    expect(daysUntil(now, 'not a date')).toBeUndefined();
  });
});
