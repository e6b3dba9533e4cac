import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import {
  Box,
  Button,
  getThemeColor,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../../components/load-error';
import type { chartDetailQuery } from '../api/use-dashboard';
import type { ChartItem, ChartSlice, GroupedFigures } from '../chart-slices';
import {
  buildSlices,
  formatCount,
  formatPercent,
  insuredLabel,
  sortedItems,
  totalOf,
} from '../chart-slices';
import classes from './donut-chart.module.css';

export interface DonutChartProps {
  /** « Par établissement », « Par collège ». */
  title: string;
  /** The header of the detail table's first column (« Établissement », « Contrat »). */
  itemLabel: string;
  /** « établissement » — for the ring's summary (« … sur 13 établissements »). */
  itemNoun: { one: string; many: string };
  /** The label of the grouped slice (« Autres établissements »). */
  othersLabel: string;
  /** The figures with a slice of their own. */
  items: ChartItem[];
  /** What the server grouped into the last slice. */
  others: GroupedFigures;
  /** Every figure, asked for by « Afficher le détail » when the last slice groups some. */
  detailQuery: ReturnType<typeof chartDetailQuery>;
}

/** Each slice's colour, label, count and share. */
function Legend({ title, slices }: { title: string; slices: ChartSlice[] }) {
  return (
    <ul className={classes.legend} aria-label={`Légende : ${title.toLowerCase()}`}>
      {slices.map((slice) => (
        <li key={slice.key} className={classes.legendItem}>
          <Box
            className={classes.swatch}
            bg={slice.color}
            aria-hidden
            data-others={slice.grouped ? true : undefined}
          />
          <Text size="sm" className={classes.legendLabel}>
            {slice.label}
            {slice.grouped ? (
              <Text span size="xs" c="dimmed">
                {' '}
                ({formatCount(slice.grouped)})
              </Text>
            ) : null}
          </Text>
          <Text size="sm" fw={700} className={classes.legendCount}>
            {formatCount(slice.count)}
          </Text>
          <Text size="xs" c="dimmed" className={classes.legendPercent}>
            {formatPercent(slice.percent)}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** « Afficher le détail »: every figure, those grouped into the last slice too. */
function DetailTable({
  title,
  itemLabel,
  rows: detailRows,
  total,
}: {
  title: string;
  itemLabel: string;
  rows: ChartItem[];
  total: number;
}) {
  return (
    <Table.ScrollContainer minWidth={260}>
      <Table verticalSpacing={6} horizontalSpacing="xs" striped fz="sm" captionSide="top">
        <Table.Caption ta="left" mt={0} mb="xs" c="gray.8">
          Salariés assurés {title.charAt(0).toLowerCase() + title.slice(1)}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{itemLabel}</Table.Th>
            <Table.Th scope="col" ta="right">
              Salariés assurés
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Part
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detailRows.map((item) => (
            <Table.Tr key={item.key}>
              <Table.Th scope="row" fw={400}>
                {item.label}
              </Table.Th>
              <Table.Td ta="right">{formatCount(item.count)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatPercent((item.count / total) * 100)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            <Table.Td ta="right" fw={700}>
              {formatCount(total)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatPercent(100)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The detail's table: of the figures shown when the chart groups none, else of every figure,
 * asked for when the detail is first opened (a message while it loads, « Réessayer » on failure).
 */
function Detail({
  title,
  itemLabel,
  rows,
  detailQuery,
  total,
}: {
  title: string;
  itemLabel: string;
  rows: ChartItem[] | undefined;
  detailQuery: DonutChartProps['detailQuery'];
  total: number;
}) {
  const every = useQuery({ ...detailQuery, enabled: rows === undefined });
  const shown = rows ?? every.data;
  if (shown) return <DetailTable title={title} itemLabel={itemLabel} rows={shown} total={total} />;
  if (every.isError) return <LoadError error={every.error} onRetry={() => void every.refetch()} />;
  return (
    <Group gap="xs" justify="center" role="status">
      <Loader size="xs" aria-hidden />
      <Text size="sm" c="gray.8">
        Chargement du détail…
      </Text>
    </Group>
  );
}

/**
 * A donut chart of « Mes salariés assurés »: the ring (a picture whose name sums it up) with the
 * total in its middle, a legend with each slice's count, and « Afficher le détail », a table of
 * every figure — including those grouped into the last slice.
 */
export function DonutChart({
  title,
  itemLabel,
  itemNoun,
  othersLabel,
  items,
  others,
  detailQuery,
}: DonutChartProps) {
  const id = useId();
  const [detail, setDetail] = useState(false);
  const slices = buildSlices(items, { othersLabel, others });
  const total = totalOf(items) + others.count;
  const shown = sortedItems(items);
  const itemCount = shown.length + others.items;
  const titleId = `${id}-title`;
  const detailId = `${id}-detail`;
  const noun = itemCount > 1 ? itemNoun.many : itemNoun.one;
  const summary = `${title} : ${insuredLabel(total)}, ${formatCount(itemCount)} ${noun}${
    slices[0] ? `, dont ${slices[0].label} : ${formatCount(slices[0].count)}` : ''
  }.`;

  return (
    <Paper
      component="section"
      aria-labelledby={titleId}
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      h="100%"
    >
      <Stack gap="md">
        <Title order={4} id={titleId} fz="md" ta="center">
          {title}
        </Title>
        {total === 0 ? (
          <Text size="sm" c="dimmed" ta="center">
            Aucun salarié assuré.
          </Text>
        ) : (
          <>
            <Ring
              summary={summary}
              slices={slices}
              label={
                <Stack gap={0} align="center" aria-hidden>
                  <Text fw={700} fz={30} lh={1.1}>
                    {formatCount(total)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {total > 1 ? 'assurés' : 'assuré'}
                  </Text>
                </Stack>
              }
            />
            <Legend title={title} slices={slices} />
            <Group justify="center">
              <Button
                variant="subtle"
                size="compact-sm"
                aria-expanded={detail}
                aria-controls={detailId}
                rightSection={
                  detail ? (
                    <IconChevronUp size={16} aria-hidden />
                  ) : (
                    <IconChevronDown size={16} aria-hidden />
                  )
                }
                onClick={() => setDetail((open) => !open)}
              >
                {detail ? 'Masquer le détail' : 'Afficher le détail'}
                <VisuallyHidden> : {title.toLowerCase()}</VisuallyHidden>
              </Button>
            </Group>
            <div id={detailId}>
              {detail ? (
                <Detail
                  title={title}
                  itemLabel={itemLabel}
                  rows={others.items > 0 ? undefined : shown}
                  detailQuery={detailQuery}
                  total={total}
                />
              ) : null}
            </div>
          </>
        )}
      </Stack>
    </Paper>
  );
}

const RING_SIZE = 176;
const RING_THICKNESS = 22;

/**
 * The ring: one arc per slice, clockwise from the top, 1 px apart, with the total in its middle.
 * Drawn here (an SVG circle per arc) rather than with Mantine's RingProgress, whose per-section
 * tooltips bring the popovers' code (floating-ui) to the home page; each arc's `<title>` names
 * it on hover. The picture as a whole is an image whose name sums it up.
 */
function Ring({
  summary,
  slices,
  label,
}: {
  summary: string;
  slices: ChartSlice[];
  label: ReactNode;
}) {
  const theme = useMantineTheme();
  const radius = (RING_SIZE - RING_THICKNESS) / 2;
  const circumference = 2 * Math.PI * radius;
  const gap = slices.length > 1 ? 1 : 0;
  // Where each arc starts: the lengths of the arcs before it.
  const lengths = slices.map((slice) => (slice.percent / 100) * circumference);
  const starts = lengths.map((_, index) => lengths.slice(0, index).reduce((a, b) => a + b, 0));
  return (
    <Box role="img" aria-label={summary} pos="relative" mx="auto" w={RING_SIZE} h={RING_SIZE}>
      <svg
        width={RING_SIZE}
        height={RING_SIZE}
        viewBox={`0 0 ${RING_SIZE} ${RING_SIZE}`}
        aria-hidden
        focusable={false}
        style={{ transform: 'rotate(-90deg)' }}
      >
        <circle
          cx={RING_SIZE / 2}
          cy={RING_SIZE / 2}
          r={radius}
          fill="none"
          stroke={getThemeColor('gray.2', theme)}
          strokeWidth={RING_THICKNESS}
        />
        {slices.map((slice, index) => {
          const drawn = Math.max(0, (lengths[index] ?? 0) - gap);
          return (
            <circle
              key={slice.key}
              cx={RING_SIZE / 2}
              cy={RING_SIZE / 2}
              r={radius}
              fill="none"
              stroke={getThemeColor(slice.color, theme)}
              strokeWidth={RING_THICKNESS}
              strokeDasharray={`${drawn} ${circumference - drawn}`}
              strokeDashoffset={-(starts[index] ?? 0)}
            >
              <title>{`${slice.label} : ${formatCount(slice.count)}`}</title>
            </circle>
          );
        })}
      </svg>
      <Box
        pos="absolute"
        inset={0}
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      >
        {label}
      </Box>
    </Box>
  );
}

/** The chart’s place while its figures load. */
export function DonutChartSkeleton({ title }: { title: string }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} h="100%" aria-hidden>
      <Stack gap="md" align="center">
        <Text fw={700}>{title}</Text>
        <Skeleton circle height={176} />
        <Stack gap={8} w="100%">
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} height={12} radius="sm" />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
