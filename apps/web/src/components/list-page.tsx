import type { ReactNode, RefObject } from 'react';
import { Box, Button, Group, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { errorMessage } from '../lib/form-errors';
import { DeferredSelect } from './deferred-select';
import { LoadError } from './load-error';
import { paginationLabels } from './pagination-labels';

/*
 * The list-page kit's screen parts (the address is lib/list-search.ts, the rows
 * components/data-table.tsx, an empty list components/list-empty.tsx): the results' section
 * (ListResults: heading with its live count, the list's states, the page controls), and the two
 * kinds of page controls
 * — numbered pages for a list that knows its total, « Précédente » / « Suivante » for one that only
 * knows whether there is more (the audit log).
 */

/** A page of a list as the API answers it; `total` unknown when it only says `hasMore`. */
export interface ListData<Item> {
  items: Item[];
  total?: number;
}

/** What the kit reads of a list's query (a react-query result, or one mapped with `listQuery`). */
export interface ListQuery<Item> {
  data: ListData<Item> | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

/** A query whose answer holds its rows under another name (`{ users, companies }`). */
export function listQuery<Data, Item>(
  query: UseQueryResult<Data>,
  items: (data: Data) => Item[],
): ListQuery<Item> {
  return {
    data: query.data === undefined ? undefined : { items: items(query.data) },
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    isPlaceholderData: query.isPlaceholderData,
    refetch: query.refetch,
  };
}

/**
 * The results' title (focused when the page changes; none where a tab already names the list),
 * what they count, and the live count.
 */
function ListResultsHeading({
  id,
  titleRef,
  title,
  scope,
  status,
  updating,
  testId,
}: {
  id: string;
  titleRef?: RefObject<HTMLHeadingElement | null>;
  title?: string;
  scope?: string;
  status: string;
  updating: boolean;
  testId: string;
}) {
  return (
    <Stack gap={2}>
      {title ? (
        <Title
          order={2}
          id={id}
          ref={titleRef}
          tabIndex={-1}
          fz={{ base: 20, sm: 24 }}
          style={{ outline: 'none' }}
        >
          {title}
        </Title>
      ) : null}
      {scope ? (
        <Text size="sm" c="gray.8">
          {scope}
        </Text>
      ) : null}
      <Group gap="xs" wrap="nowrap" mih={24}>
        <Text role="status" size="sm" c="gray.8" data-testid={testId}>
          {status}
        </Text>
        {updating ? <Loader size={14} aria-hidden /> : null}
      </Group>
    </Stack>
  );
}

/**
 * A page of a list: loading (`skeleton`), an error with « Réessayer », none (`empty`), a page past
 * the end (an old link, a list that got shorter), or the rows — dimmed while the next page loads.
 */
export function ListStates<Item>({
  list,
  page = 1,
  skeleton,
  empty,
  onFirstPage,
  children,
}: {
  list: ListQuery<Item>;
  page?: number;
  skeleton: ReactNode;
  empty: ReactNode;
  onFirstPage: () => void;
  children: (items: Item[]) => ReactNode;
}) {
  const data = list.data;
  if (list.isPending) return skeleton;
  if (list.isError) {
    return <LoadError error={list.error} onRetry={() => void list.refetch()} compact />;
  }
  if (!data) return null;
  if (data.total === 0 || (data.total === undefined && data.items.length === 0 && page <= 1)) {
    return empty;
  }
  if (data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm" ta="center">
          <Text fw={600}>Cette page de la liste n’existe pas.</Text>
          <Button variant="default" onClick={onFirstPage}>
            Revenir à la première page
          </Button>
        </Stack>
      </Paper>
    );
  }
  const updating = list.isPlaceholderData;
  return (
    <Box
      aria-busy={updating || undefined}
      style={{ opacity: updating ? 0.6 : 1, transition: 'opacity 150ms' }}
    >
      {children(data.items)}
    </Box>
  );
}

/** « … par page » (when the list offers several sizes) and the pages of the list. */
export function ListPageControls({
  sizeLabel = '',
  sizes = [],
  page,
  pages,
  pageSize,
  onPage,
  onPageSize,
}: {
  sizeLabel?: string;
  sizes?: readonly number[];
  page: number;
  pages: number;
  pageSize?: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="md">
      {sizes.length > 1 && onPageSize ? (
        <DeferredSelect
          label={sizeLabel}
          data={sizes.map((size) => ({ value: String(size), label: String(size) }))}
          value={String(pageSize)}
          onChange={(value) => onPageSize(Number(value))}
          allowDeselect={false}
          w={160}
        />
      ) : (
        <span />
      )}
      {pages > 1 ? (
        <nav aria-label="Pages de la liste">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPage}
            siblings={1}
            boundaries={1}
            {...paginationLabels(page)}
          />
        </nav>
      ) : null}
    </Group>
  );
}

/** « Précédente », the page, « Suivante »: a list that says whether there is more, not its total. */
export function ListPrevNext({
  page,
  hasMore,
  onPage,
}: {
  page: number;
  hasMore: boolean;
  onPage: (page: number) => void;
}) {
  return (
    <Group justify="space-between">
      <Button
        variant="default"
        leftSection={<IconChevronLeft size={18} aria-hidden />}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Précédente
      </Button>
      <Text size="sm">Page {page}</Text>
      <Button
        variant="default"
        rightSection={<IconChevronRight size={18} aria-hidden />}
        disabled={!hasMore}
        onClick={() => onPage(page + 1)}
      >
        Suivante
      </Button>
    </Group>
  );
}

/**
 * The results' section of a list page: its heading with the live count (`loading` while the
 * first page is on its way, then `count`), what stands beside it (exports), the list's states and
 * rows, and the page controls once there are rows (none for a list the API gives whole: the
 * team, the users).
 */
export function ListResults<Item>({
  id,
  titleRef,
  title,
  scope,
  testId,
  aside,
  list,
  page,
  loading,
  count,
  skeleton,
  empty,
  onPage,
  controls,
  children,
}: {
  id: string;
  titleRef?: RefObject<HTMLHeadingElement | null>;
  /** None where a tab already names the list. */
  title?: string;
  scope?: string;
  testId: string;
  aside?: ReactNode;
  list: ListQuery<Item>;
  page?: number;
  loading: string;
  count: (data: ListData<Item>) => string;
  skeleton: ReactNode;
  empty: ReactNode;
  onPage?: (page: number) => void;
  controls?: ReactNode;
  children: (items: Item[]) => ReactNode;
}) {
  const data = list.data;
  let status = '';
  if (list.isPending) status = loading;
  else if (data) status = count(data);
  const heading = (
    <ListResultsHeading
      id={id}
      titleRef={titleRef}
      title={title}
      scope={scope}
      status={status}
      updating={list.isPlaceholderData}
      testId={testId}
    />
  );
  return (
    <Stack component={title ? 'section' : 'div'} aria-labelledby={title ? id : undefined} gap="md">
      {aside ? (
        <Group justify="space-between" align="flex-end" gap="md">
          {heading}
          {aside}
        </Group>
      ) : (
        heading
      )}
      <ListStates
        list={list}
        page={page}
        skeleton={skeleton}
        empty={empty}
        onFirstPage={() => onPage?.(1)}
      >
        {children}
      </ListStates>
      {data && (data.total ?? data.items.length) > 0 ? controls : null}
    </Stack>
  );
}

/** The filters' choices (establishments, contracts…) could not be loaded. */
export function ListFilterOptionsError({ options }: { options: UseQueryResult<unknown> }) {
  if (!options.isError) return null;
  return (
    <Text size="sm" c="red.7" role="alert">
      Les choix des filtres n’ont pas pu être chargés : {errorMessage(options.error)}
    </Text>
  );
}
