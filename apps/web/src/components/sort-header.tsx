import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { SortOrder } from '../lib/list-search';
import classes from './sort-header.module.css';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A sortable column's heading of a list page (the list-page kit): a button that sorts by the
 * column (again: the other way), its arrow, and `aria-sort` on the active column.
 */
export function SortHeader<Sort extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  className,
}: {
  column: Sort;
  label: string;
  sort: Sort;
  order: SortOrder;
  onSort: (column: Sort) => void;
  className?: string;
}) {
  const active = column === sort;
  const Icon = !active ? IconArrowsSort : order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th scope="col" aria-sort={active ? ARIA_SORT[order] : undefined} className={className}>
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() => onSort(column)}
      >
        {label}
        <Icon size={14} aria-hidden className={classes.sortIcon} />
      </UnstyledButton>
    </Table.Th>
  );
}
