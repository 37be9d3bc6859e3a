import { describe, expect, it } from 'vitest';
import { costCacheKey, stableStringify } from '../../../src/cost/cache-key.js';

describe('cost cache keys', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: 1 }] })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    expect(costCacheKey('111111111111', 'GetCostAndUsage', { b: 1, a: 2 })).toBe(costCacheKey('111111111111', 'GetCostAndUsage', { a: 2, b: 1 }));
  });

  it('differs per account, operation and request, and is safe as a file name', () => {
    const a = costCacheKey('111111111111', 'GetCostAndUsage', { a: 1 });
    expect(costCacheKey('222222222222', 'GetCostAndUsage', { a: 1 })).not.toBe(a);
    expect(costCacheKey('111111111111', 'GetCostForecast', { a: 1 })).not.toBe(a);
    expect(costCacheKey('111111111111', 'GetCostAndUsage', { a: 2 })).not.toBe(a);
    expect(a).toMatch(/^111111111111-GetCostAndUsage-[0-9a-f]{32}$/);
  });
});
