/*
 * The slices of the home page's donut charts (« Mes salariés assurés »): the largest ones each in
 * its colour, the rest grouped into one slice (« Autres établissements ») so that the ring and its
 * legend stay readable with many establishments.
 */

export interface ChartItem {
  key: string;
  label: string;
  count: number;
}

export interface ChartSlice extends ChartItem {
  /** A Mantine colour (« teal.6 »). */
  color: string;
  /** Share of the total, 0–100. */
  percent: number;
  /** The items grouped into this slice (« Autres établissements »), if any. */
  grouped?: ChartItem[];
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

/** How many slices have their own colour before the rest is grouped. */
export const TOP_SLICES = 8;

export function totalOf(items: readonly ChartItem[]): number {
  return items.reduce((sum, item) => sum + Math.max(0, item.count), 0);
}

/**
 * The slices of a chart: the items with a count, largest first (ties by label, French order);
 * beyond `max` of them, the rest becomes one slice labelled `othersLabel` — unless that would
 * group a single item, which is then shown on its own.
 */
export function buildSlices(
  items: readonly ChartItem[],
  { max = TOP_SLICES, othersLabel }: { max?: number; othersLabel: string },
): ChartSlice[] {
  const sorted = items
    .filter((item) => item.count > 0)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
  const total = totalOf(sorted);
  if (total === 0) return [];
  const percent = (count: number) => (count / total) * 100;
  const shown = sorted.length <= max + 1 ? sorted : sorted.slice(0, max);
  const rest = sorted.slice(shown.length);
  const slices: ChartSlice[] = shown.map((item, index) => ({
    ...item,
    color: SLICE_COLORS[index % SLICE_COLORS.length]!,
    percent: percent(item.count),
  }));
  if (rest.length > 0) {
    const count = totalOf(rest);
    slices.push({
      key: '__others__',
      label: othersLabel,
      count,
      color: OTHERS_COLOR,
      percent: percent(count),
      grouped: rest,
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
