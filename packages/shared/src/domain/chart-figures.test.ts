import { describe, expect, it } from 'vitest';
import { TOP_SLICES, byCountThenLabel, splitTop } from './chart-figures';

describe('the charts’ figures shown and grouped', () => {
  const figures = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('shows every figure up to one more than the slices, never grouping a single one', () => {
    expect(TOP_SLICES).toBe(8);
    for (const n of [0, 1, 8, 9])
      expect(splitTop(figures(n))).toEqual({ shown: figures(n), rest: [] });
    expect(splitTop(figures(10))).toEqual({ shown: figures(8), rest: [9, 10] });
    expect(splitTop(figures(1000)).rest).toHaveLength(992);
    expect(splitTop(figures(5), 2)).toEqual({ shown: [1, 2], rest: [3, 4, 5] });
  });

  it('orders largest first, ties by label in French order', () => {
    const items = [
      { label: 'Évry', count: 5 },
      { label: 'Zéro', count: 1 },
      { label: 'Angers', count: 5 },
      { label: 'Lyon', count: 7 },
    ];
    expect(items.sort(byCountThenLabel((i) => i.label)).map((i) => i.label)).toEqual([
      'Lyon',
      'Angers',
      'Évry',
      'Zéro',
    ]);
  });
});
