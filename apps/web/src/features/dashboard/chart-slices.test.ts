import { describe, expect, it } from 'vitest';
import {
  OTHERS_COLOR,
  SLICE_COLORS,
  buildSlices,
  formatCount,
  formatPercent,
  coveredTodayLabel,
  insuredLabel,
  totalOf,
} from './chart-slices';

const item = (n: number, count: number) => ({ key: `e${n}`, label: `Établissement ${n}`, count });
const OTHERS = { othersLabel: 'Autres établissements' };

describe('buildSlices', () => {
  it('keeps every item when there are few, largest first, each in its colour', () => {
    const slices = buildSlices([item(1, 10), item(2, 30), item(3, 20)], OTHERS);
    expect(slices.map((s) => s.key)).toEqual(['e2', 'e3', 'e1']);
    expect(slices.map((s) => s.color)).toEqual(SLICE_COLORS.slice(0, 3));
    expect(slices.map((s) => Math.round(s.percent))).toEqual([50, 33, 17]);
    expect(slices.every((s) => s.grouped === undefined)).toBe(true);
  });

  it('shows the top 8 and groups the rest as « Autres établissements »', () => {
    const items = Array.from({ length: 13 }, (_, i) => item(i + 1, 100 - i));
    const slices = buildSlices(items, OTHERS);
    expect(slices).toHaveLength(9);
    expect(slices.slice(0, 8).map((s) => s.key)).toEqual(items.slice(0, 8).map((i) => i.key));
    const others = slices[8]!;
    expect(others.label).toBe('Autres établissements');
    expect(others.color).toBe(OTHERS_COLOR);
    expect(others.grouped).toBe(5);
    expect(others.count).toBe(92 + 91 + 90 + 89 + 88);
    // Nothing lost: the slices add up to the total and to 100 %.
    expect(totalOf(slices)).toBe(totalOf(items));
    expect(slices.reduce((sum, s) => sum + s.percent, 0)).toBeCloseTo(100, 9);
  });

  it('adds what the server grouped to the last slice (1,000 establishments, 8 sent)', () => {
    const items = Array.from({ length: 8 }, (_, i) => item(i + 1, 100 - i));
    const slices = buildSlices(items, { ...OTHERS, others: { items: 992, count: 5_000 } });
    expect(slices).toHaveLength(9);
    expect(slices.slice(0, 8).map((s) => s.key)).toEqual(items.map((i) => i.key));
    expect(slices[8]).toMatchObject({
      label: 'Autres établissements',
      count: 5_000,
      grouped: 992,
      color: OTHERS_COLOR,
    });
    expect(slices.reduce((sum, s) => sum + s.percent, 0)).toBeCloseTo(100, 9);
    expect(totalOf(slices)).toBe(totalOf(items) + 5_000);
  });

  it('never groups a single item: nine items are nine slices', () => {
    const items = Array.from({ length: 9 }, (_, i) => item(i + 1, 9 - i));
    const slices = buildSlices(items, OTHERS);
    expect(slices).toHaveLength(9);
    expect(slices.some((s) => s.grouped)).toBe(false);
  });

  it('follows the maximum it is given', () => {
    const items = Array.from({ length: 5 }, (_, i) => item(i + 1, 10));
    const slices = buildSlices(items, { max: 2, othersLabel: 'Autres' });
    expect(slices.map((s) => s.label)).toEqual(['Établissement 1', 'Établissement 2', 'Autres']);
    expect(slices[2]!.count).toBe(30);
  });

  it('breaks ties by label in French order and drops empty items', () => {
    const slices = buildSlices(
      [
        { key: 'b', label: 'Évry', count: 5 },
        { key: 'a', label: 'Angers', count: 5 },
        { key: 'z', label: 'Zéro', count: 0 },
      ],
      OTHERS,
    );
    expect(slices.map((s) => s.label)).toEqual(['Angers', 'Évry']);
  });

  it('has no slice without any insured member', () => {
    expect(buildSlices([], OTHERS)).toEqual([]);
    expect(buildSlices([item(1, 0)], OTHERS)).toEqual([]);
  });
});

describe('figures in French', () => {
  it('formats counts, shares and the total', () => {
    expect(formatCount(100000)).toBe('100\u202f000');
    expect(formatPercent(12.5)).toBe('12,5\u00a0%');
    expect(formatPercent(100 / 3)).toBe('33,3\u00a0%');
    expect(formatPercent(0.01)).toBe('< 0,1\u00a0%');
    expect(insuredLabel(1)).toBe('1 salarié assuré');
    expect(insuredLabel(298)).toBe('298 salariés assurés');
  });

  it('says what the home page’s total counts: the members covered today (issue 14 #23)', () => {
    expect(coveredTodayLabel(0)).toBe('Aucun salarié couvert aujourd’hui');
    expect(coveredTodayLabel(1)).toBe('1 salarié couvert aujourd’hui');
    expect(coveredTodayLabel(1940)).toBe('1\u202f940 salariés couverts aujourd’hui');
  });
});
