import { describe, expect, it } from 'vitest';
import { isDuration, parseDuration } from '../../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['8h', 28_800_000],
    ['90d', 90 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['90', '90 days', 'd', '-5d', '5y', ''])('rejects %j with a message that shows the accepted forms', (text) => {
    expect(() => parseDuration(text)).toThrow(`"${text}" is not a duration such as 90d, 8h, 30m, 2w or 45s`);
  });

  it('tells durations from other values', () => {
    expect(isDuration('7d')).toBe(true);
    expect(isDuration(7)).toBe(false);
  });
});
