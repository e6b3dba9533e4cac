/**
 * French accessible names for Mantine's `Pagination`: every paged list of the portal spreads
 * `{...paginationLabels(page)}` on it, so that a screen reader hears « Page suivante » and
 * « Page 3 » (the current one marked) the same way everywhere.
 */
const CONTROL_LABELS = {
  first: 'Première page',
  previous: 'Page précédente',
  next: 'Page suivante',
  last: 'Dernière page',
} as const;

export function paginationLabels(current?: number) {
  return {
    getControlProps: (control: keyof typeof CONTROL_LABELS) => ({
      'aria-label': CONTROL_LABELS[control],
    }),
    getItemProps: (page: number) => ({
      'aria-label': `Page ${page}`,
      'aria-current': page === current ? ('page' as const) : undefined,
    }),
  };
}
