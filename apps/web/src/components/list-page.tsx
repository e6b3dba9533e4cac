import type { ReactNode, RefObject } from 'react';
import { Box, Button, Group, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { DeferredSelect } from './deferred-select';
import { LoadError } from './load-error';
import { paginationLabels } from './pagination-labels';

/*
 * The list-page kit's screen parts (the address is lib/list-search.ts): the results' heading with
 * its live count, the list's states, and the page controls. « Mes salariés » and « Suivi des
 * demandes » are built from them.
 */

/** The results' title (focused when the page changes), what they count, and the live count. */
export function ListResultsHeading({
  id,
  titleRef,
  title,
  scope,
  status,
  updating,
  testId,
}: {
  id: string;
  titleRef: RefObject<HTMLHeadingElement | null>;
  title: string;
  scope?: string;
  status: string;
  updating: boolean;
  testId: string;
}) {
  return (
    <Stack gap={2}>
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
  skeleton,
  empty,
  onFirstPage,
  children,
}: {
  list: UseQueryResult<{ items: Item[]; total: number }>;
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
  if (data.total === 0) return empty;
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

/** « … par page » and the pages of the list. */
export function ListPageControls({
  sizeLabel,
  sizes,
  page,
  pages,
  pageSize,
  onPage,
  onPageSize,
}: {
  sizeLabel: string;
  sizes: readonly number[];
  page: number;
  pages: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="md">
      <DeferredSelect
        label={sizeLabel}
        data={sizes.map((size) => ({ value: String(size), label: String(size) }))}
        value={String(pageSize)}
        onChange={(value) => onPageSize(Number(value))}
        allowDeselect={false}
        w={160}
      />
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
