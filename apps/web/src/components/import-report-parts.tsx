import { Badge } from '@mantine/core';

/** « 1 ligne lue », « 3 lignes lues ». */
export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** A count of an import's report (« 3 ajoutés »), readable on its light background. */
export function SummaryBadge({ label, color }: { label: string; color: string }) {
  return (
    <Badge
      size="lg"
      variant="light"
      color={color}
      tt="none"
      radius="sm"
      // Mantine's light grey text is too pale on its own background.
      c={color === 'gray' ? 'gray.8' : undefined}
    >
      {label}
    </Badge>
  );
}

/** French labels of a report's pages (Mantine's Pagination). */
export const paginationLabels = {
  getControlProps: (control: 'first' | 'previous' | 'last' | 'next') => ({
    'aria-label':
      control === 'previous'
        ? 'Page précédente'
        : control === 'next'
          ? 'Page suivante'
          : control === 'first'
            ? 'Première page'
            : 'Dernière page',
  }),
  getItemProps: (page: number) => ({ 'aria-label': `Page ${page}` }),
};
