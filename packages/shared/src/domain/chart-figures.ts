/**
 * The home page's charts, « Mes salariés assurés » (SPEC §5.1): each shows its largest figures in
 * a slice of their own and groups the rest into one (« Autres établissements »), so that the ring
 * and its legend stay readable with many establishments. The server sends the figures shown and
 * what the last slice groups (how many items, how many members): at 1,000 establishments the whole
 * list was 100 KB of every home page, for a table few people open; « Afficher le détail » asks for
 * it (GET /api/dashboard/establishments, /contracts).
 */

/** How many figures have a slice of their own before the rest is grouped. */
export const TOP_SLICES = 8;

/** Largest first, ties by label in French order: the charts' and their tables' order. */
export function byCountThenLabel<T extends { count: number }>(label: (item: T) => string) {
  return (a: T, b: T): number => b.count - a.count || label(a).localeCompare(label(b), 'fr');
}

/**
 * The figures (already in order) shown on their own, and the rest, grouped: the first `max` of
 * them — unless that would group a single figure, which is then shown on its own.
 */
export function splitTop<T>(sorted: readonly T[], max = TOP_SLICES): { shown: T[]; rest: T[] } {
  const shown = sorted.length <= max + 1 ? sorted.slice() : sorted.slice(0, max);
  return { shown, rest: sorted.slice(shown.length) };
}
