import type { CSSProperties, ReactNode } from 'react';
import { Checkbox, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { SortOrder } from '../lib/list-search';
import { SortHeader } from './sort-header';
import classes from './data-table.module.css';

/*
 * The list-page kit's data table: a list is a table on a tablet or a computer and one card per
 * row on a phone, from one description of its columns. The table has a caption (visually hidden,
 * with the sort in words), a heading per column (a button on a sortable one, `aria-sort` on the
 * active one), and the row's name as its row heading. The states (loading, error, none) are
 * ListStates' (components/list-page.tsx).
 */

export interface DataColumn<Row, Sort extends string = never> {
  /** The column's heading (also the label of its line in a card). */
  header: string;
  /** The heading is for screen readers only (« Actions »). */
  hiddenHeader?: boolean;
  /** The sort this column's heading sets. */
  sort?: Sort;
  /** The cell names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Dates, numbers and codes stay on one line. */
  noWrap?: boolean;
  /** The narrowest the column may get (« 9rem »). */
  minWidth?: string;
  align?: 'right';
  cell: (row: Row) => ReactNode;
}

export interface DataTableSorting<Sort extends string> {
  sort: Sort;
  order: SortOrder;
  onSort: (column: Sort) => void;
  /** « triées par date de la demande, de la plus récente à la plus ancienne », after the caption. */
  description: string;
}

/** A row's card on a phone: its name, what stands at its right (a badge, the « … » menu), the rest. */
export interface DataCard<Row> {
  title: (row: Row) => ReactNode;
  aside?: (row: Row) => ReactNode;
  body: (row: Row) => ReactNode;
}

/**
 * Rows the person can select (« Mes salariés »: « Radier la sélection »): a checkbox first in
 * each row and card, and one in the heading for the whole page. Lists without it are unchanged.
 */
export interface DataTableSelection<Row> {
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** The name of a row's checkbox (« Sélectionner Jeanne Martin »). */
  label: (row: Row) => string;
  /** The name of the heading's checkbox (« Sélectionner tous les salariés de la page »). */
  allLabel: string;
}

/** A row: anything with its id (the key of its table row and of its card). */
interface Identified {
  id: string;
}

interface DataTableProps<Row extends Identified, Sort extends string> {
  /** The table's caption and the cards' list name (« Salariés affiliés »). */
  caption: string;
  columns: DataColumn<Row, Sort>[];
  rows: Row[];
  card: DataCard<Row>;
  sorting?: DataTableSorting<Sort>;
  /** Below it the table scrolls sideways. */
  minWidth: number;
  /** From which width the table shows instead of the cards (default `sm`). */
  tableFrom?: 'sm' | 'md';
  striped?: boolean;
  selection?: DataTableSelection<Row>;
}

/** The heading's checkbox: every row of the page, checked, partly (indeterminate) or not. */
function SelectAll<Row extends Identified>({
  rows,
  selection,
}: {
  rows: Row[];
  selection: DataTableSelection<Row>;
}) {
  const count = rows.filter((row) => selection.selected.has(row.id)).length;
  const all = rows.length > 0 && count === rows.length;
  return (
    <Table.Th scope="col" w={40}>
      <Checkbox
        aria-label={selection.allLabel}
        checked={all}
        indeterminate={count > 0 && !all}
        onChange={() => {
          const next = new Set(selection.selected);
          for (const row of rows) {
            if (all) next.delete(row.id);
            else next.add(row.id);
          }
          selection.onChange(next);
        }}
      />
    </Table.Th>
  );
}

function SelectRow<Row extends Identified>({
  row,
  selection,
}: {
  row: Row;
  selection: DataTableSelection<Row>;
}) {
  return (
    <Checkbox
      aria-label={selection.label(row)}
      checked={selection.selected.has(row.id)}
      onChange={(event) => {
        const next = new Set(selection.selected);
        if (event.currentTarget.checked) next.add(row.id);
        else next.delete(row.id);
        selection.onChange(next);
      }}
    />
  );
}

function cellStyle<Row, Sort extends string>(
  column: DataColumn<Row, Sort>,
): CSSProperties | undefined {
  return column.minWidth ? { minWidth: column.minWidth } : undefined;
}

function ColumnHeader<Row, Sort extends string>({
  column,
  sorting,
}: {
  column: DataColumn<Row, Sort>;
  sorting?: DataTableSorting<Sort>;
}) {
  const className = column.noWrap ? classes.noWrap : undefined;
  if (column.sort && sorting) {
    return (
      <SortHeader
        column={column.sort}
        label={column.header}
        sort={sorting.sort}
        order={sorting.order}
        onSort={sorting.onSort}
        className={className}
      />
    );
  }
  return (
    <Table.Th scope="col" className={className}>
      {column.hiddenHeader ? <VisuallyHidden>{column.header}</VisuallyHidden> : column.header}
    </Table.Th>
  );
}

function Cell<Row, Sort extends string>({
  column,
  row,
}: {
  column: DataColumn<Row, Sort>;
  row: Row;
}) {
  const props = {
    className: column.noWrap ? classes.noWrap : undefined,
    style: cellStyle(column),
    ta: column.align,
  };
  if (column.rowHeader) {
    return (
      <Table.Th scope="row" fw="inherit" {...props}>
        {column.cell(row)}
      </Table.Th>
    );
  }
  return <Table.Td {...props}>{column.cell(row)}</Table.Td>;
}

/** A list's rows: the table from `tableFrom` up, the cards below. */
export function DataTable<Row extends Identified, Sort extends string = never>({
  caption,
  columns,
  rows,
  card,
  sorting,
  minWidth,
  tableFrom = 'sm',
  striped = false,
  selection,
}: DataTableProps<Row, Sort>) {
  return (
    <>
      <Paper withBorder radius="md" visibleFrom={tableFrom} style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={minWidth}>
          <Table
            verticalSpacing="sm"
            horizontalSpacing="xs"
            fz="sm"
            highlightOnHover
            striped={striped}
            className={classes.table}
          >
            <Table.Caption>
              <VisuallyHidden>
                {sorting ? `${caption}, ${sorting.description}` : caption}
              </VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {selection ? <SelectAll rows={rows} selection={selection} /> : null}
                {columns.map((column) => (
                  <ColumnHeader key={column.header} column={column} sorting={sorting} />
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  {selection ? (
                    <Table.Td>
                      <SelectRow row={row} selection={selection} />
                    </Table.Td>
                  ) : null}
                  {columns.map((column) => (
                    <Cell key={column.header} column={column} row={row} />
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Stack
        gap="sm"
        hiddenFrom={tableFrom}
        component="ul"
        aria-label={caption}
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {rows.map((row) => (
          <Paper component="li" key={row.id} withBorder radius="md" p="md">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                {selection ? (
                  <Group gap="sm" align="flex-start" wrap="nowrap">
                    <SelectRow row={row} selection={selection} />
                    {card.title(row)}
                  </Group>
                ) : (
                  card.title(row)
                )}
                {card.aside?.(row)}
              </Group>
              {card.body(row)}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

/** A card's lines (« Date d’effet : 01/01/2024 »), a description list. */
export function CardLines({ children }: { children: ReactNode }) {
  return <dl className={classes.cardList}>{children}</dl>;
}

export function CardLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.cardLine}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** « — » for a missing value, with its name for screen readers (« Aucune »). */
export function NoValue({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden>—</span>
      <VisuallyHidden>{label}</VisuallyHidden>
    </>
  );
}

/** A row's name in a cell or a card, « (vous) » after one's own. */
export function RowName({ name, isSelf }: { name: string; isSelf?: boolean }) {
  return (
    <Text fw={600} size="sm">
      {name}
      {isSelf ? (
        <Text span size="sm" c="gray.8" fw={400}>
          {' '}
          (vous)
        </Text>
      ) : null}
    </Text>
  );
}
