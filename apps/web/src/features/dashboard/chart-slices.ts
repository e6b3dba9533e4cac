/*
 * The slices of the home page's donut charts (« Mes salariés assurés »): the largest figures each
 * in its colour, the rest grouped into one slice (« Autres établissements ») so that the ring and
 * its legend stay readable with many establishments (the rule: domain/chart-figures.ts, which the
 * server applies too: it sends the figures shown and what the last slice groups).
 */
import { TOP_SLICES, byCountThenLabel, splitTop } from '@affilia/shared/domain/chart-figures';

export { TOP_SLICES };

export interface ChartItem {
  key: string;
  label: string;
  count: number;
}

/** What the last slice groups, as the server counted it: how many figures, how many members. */
export interface GroupedFigures {
  items: number;
  count: number;
}

export interface ChartSlice extends ChartItem {
  /** A Mantine colour (« teal.6 »). */
  color: string;
  /** Share of the total, 0–100. */
  percent: number;
  /** How many figures this slice groups (« Autres établissements »), if it groups any. */
  grouped?: number;
}

/** Distinct theme colours, the brand's first; the grouped slice is grey. */
export const SLICE_COLORS = [
  'brand.6',
  'teal.6',
  'orange.5',
  'grape.6',
  'cyan.7',
  'yellow.6',
  'indigo.4',
  'pink.6',
  'lime.8',
] as const;
export const OTHERS_COLOR = 'gray.5';

const NONE: GroupedFigures = { items: 0, count: 0 };

export function totalOf(items: readonly ChartItem[]): number {
  return items.reduce((sum, item) => sum + Math.max(0, item.count), 0);
}

/** The chart's items with a count, largest first (ties by label, French order). */
export function sortedItems(items: readonly ChartItem[]): ChartItem[] {
  return items.filter((item) => item.count > 0).sort(byCountThenLabel((item) => item.label));
}

/**
 * The slices of a chart: the items with a count, largest first; beyond `max` of them, the rest
 * becomes one slice labelled `othersLabel`, with what the server already grouped (`others`).
 */
export function buildSlices(
  items: readonly ChartItem[],
  {
    max = TOP_SLICES,
    othersLabel,
    others = NONE,
  }: { max?: number; othersLabel: string; others?: GroupedFigures },
): ChartSlice[] {
  const { shown, rest } = splitTop(sortedItems(items), max);
  const total = totalOf(shown) + totalOf(rest) + others.count;
  if (total === 0) return [];
  const percent = (count: number) => (count / total) * 100;
  const slices: ChartSlice[] = shown.map((item, index) => ({
    ...item,
    color: SLICE_COLORS[index % SLICE_COLORS.length]!,
    percent: percent(item.count),
  }));
  const grouped = rest.length + others.items;
  if (grouped > 0) {
    const count = totalOf(rest) + others.count;
    slices.push({
      key: '__others__',
      label: othersLabel,
      count,
      color: OTHERS_COLOR,
      percent: percent(count),
      grouped,
    });
  }
  return slices;
}

const PERCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat('fr-FR');

/** « 12,5 % »; « < 0,1 % » for a share too small to show. */
export function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.1) return '< 0,1\u00a0%';
  return `${PERCENT.format(percent)}\u00a0%`;
}

/** « 100 000 ». */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/**
 * The home page's total, which says what it counts (issue 14 #23): the members whose coverage
 * runs today — « Mes salariés » with « Statut du contrat : En cours », not the whole list.
 */
export function coveredTodayLabel(count: number): string {
  if (count === 0) return 'Aucun salarié couvert aujourd’hui';
  return `${formatCount(count)} salarié${count > 1 ? 's' : ''} couvert${count > 1 ? 's' : ''} aujourd’hui`;
}

/** « 1 salarié assuré », « 298 salariés assurés ». */
export function insuredLabel(count: number): string {
  return `${formatCount(count)} salarié${count > 1 ? 's' : ''} assuré${count > 1 ? 's' : ''}`;
}
