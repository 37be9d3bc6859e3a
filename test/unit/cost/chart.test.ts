import { describe, expect, it } from 'vitest';
import { bar, renderBarChart, sparkline } from '../../../src/cost/chart.js';

describe('terminal charts', () => {
  it('scales bars to the largest value, with eighth-block ends', () => {
    expect(bar(10, 10, 8)).toBe('████████');
    expect(bar(5, 10, 8)).toBe('████');
    expect(bar(1, 10, 4)).toBe('▍'); // 3.2 eighths -> 3
    expect(bar(0, 10, 8)).toBe('');
    expect(bar(3, 0, 8)).toBe('');
  });

  it('aligns labels and notes', () => {
    const lines = renderBarChart(
      [
        { label: '2026-09', value: 10, note: '$10.00' },
        { label: '2026-10', value: 20, note: '$20.00' },
      ],
      { width: 10 },
    );
    expect(lines).toEqual(['2026-09 │█████      $10.00', '2026-10 │██████████ $20.00']);
  });

  it('draws a sparkline', () => {
    expect(sparkline([0, 5, 10])).toBe('▁▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
