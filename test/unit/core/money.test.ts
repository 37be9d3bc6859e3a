import { describe, expect, it } from 'vitest';
import { formatUsd, roundCents, sumUsd, UNKNOWN_USD } from '../../../src/core/money.js';

describe('money', () => {
  it('rounds to cents without binary float leftovers', () => {
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(3.654)).toBe(3.65);
    expect(roundCents(0)).toBe(0);
  });

  it('sums amounts to cents, an unknown amount adding nothing', () => {
    expect(sumUsd([0.1, 0.2, undefined, null, 1.005])).toBe(1.31);
    expect(sumUsd([])).toBe(0);
  });

  it('writes dollars with thousands separators and two decimals, unknown as the placeholder', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(3.65)).toBe('$3.65');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(undefined)).toBe(UNKNOWN_USD);
    expect(formatUsd(null, 'n/a')).toBe('n/a');
  });
});
