import { useId, useState } from 'react';
import {
  Box,
  Button,
  Group,
  Paper,
  RingProgress,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import type { ChartItem } from '../chart-slices';
import { buildSlices, formatCount, formatPercent, insuredLabel, totalOf } from '../chart-slices';
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
  items: ChartItem[];
}

/**
 * A donut chart of « Mes salariés assurés »: the ring (a picture whose name sums it up) with the
 * total in its middle, a legend with each slice's count, and « Afficher le détail », a table of
 * every figure — including those grouped into the last slice.
 */
export function DonutChart({ title, itemLabel, itemNoun, othersLabel, items }: DonutChartProps) {
  const id = useId();
  const [detail, setDetail] = useState(false);
  const slices = buildSlices(items, { othersLabel });
  const total = totalOf(items);
  const shown = items.filter((item) => item.count > 0);
  const detailRows = [...shown].sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'),
  );
  const titleId = `${id}-title`;
  const detailId = `${id}-detail`;
  const noun = shown.length > 1 ? itemNoun.many : itemNoun.one;
  const summary = `${title} : ${insuredLabel(total)}, ${formatCount(shown.length)} ${noun}${
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
            <RingProgress
              role="img"
              aria-label={summary}
              // The picture is the ring as a whole: its drawing is not a second image.
              attributes={{ svg: { 'aria-hidden': true, focusable: false } }}
              mx="auto"
              size={176}
              thickness={22}
              sectionGap={slices.length > 1 ? 1 : 0}
              rootColor="gray.2"
              sections={slices.map((slice) => ({
                value: slice.percent,
                color: slice.color,
                tooltip: `${slice.label} : ${formatCount(slice.count)}`,
              }))}
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
                        ({slice.grouped.length})
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
                <Table.ScrollContainer minWidth={260}>
                  <Table
                    verticalSpacing={6}
                    horizontalSpacing="xs"
                    striped
                    fz="sm"
                    captionSide="top"
                  >
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
              ) : null}
            </div>
          </>
        )}
      </Stack>
    </Paper>
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
