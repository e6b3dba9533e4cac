import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconDownload,
  IconFileText,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconFileTypeXls,
} from '@tabler/icons-react';
import { DOCUMENT_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import type { EmployerDocument, EmployerDocuments } from '../api/use-documents';
import { documentFileUrl, formatDay, formatLabel } from '../../../lib/document-format';
import { formatFileSize } from '../../../lib/file-size';

function FileIcon({ mimeType }: { mimeType: string }) {
  const props = { size: 28, stroke: 1.5, 'aria-hidden': true } as const;
  if (mimeType === 'application/pdf') return <IconFileTypePdf {...props} />;
  if (mimeType.includes('wordprocessingml')) return <IconFileTypeDocx {...props} />;
  if (mimeType.includes('spreadsheetml')) return <IconFileTypeXls {...props} />;
  return <IconFileText {...props} />;
}

/** One document: its title, description, date, format and size, and « Télécharger ». */
export function DocumentCard({ document }: { document: EmployerDocument }) {
  const format = formatLabel(document.mimeType, document.fileName);
  const size = formatFileSize(document.size);
  const date = formatDay(document.publishedAt);
  return (
    <Paper component="article" withBorder radius="md" p="md" h="100%">
      <Stack gap="sm" h="100%" justify="space-between">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <Text c="var(--mantine-primary-color-filled)" component="span" lh={0} mt={2}>
            <FileIcon mimeType={document.mimeType} />
          </Text>
          <Stack gap={4} miw={0} style={{ flex: 1 }}>
            <Title order={3} fz="md" style={{ overflowWrap: 'anywhere' }}>
              {document.title}
            </Title>
            {document.description ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                {document.description}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {date ? <>Publié le {date} · </> : null}
              {format}
              {size ? ` · ${size}` : null}
            </Text>
          </Stack>
        </Group>
        <Group justify="flex-end">
          <Button
            component="a"
            href={documentFileUrl(document.id)}
            download={document.fileName}
            variant="light"
            leftSection={<IconDownload size={18} aria-hidden />}
            aria-label={`Télécharger « ${document.title} » (${[format, size].filter(Boolean).join(', ')})`}
            w={{ base: '100%', xs: 'auto' }}
          >
            Télécharger
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The documents, one section per category (in the API's order). */
export function DocumentGroups({ groups }: { groups: EmployerDocuments['groups'] }) {
  return (
    <Stack gap="xl">
      {groups.map((group) => {
        const headingId = `documents-${group.category}`;
        return (
          <Stack component="section" gap="sm" key={group.category} aria-labelledby={headingId}>
            <Title order={2} fz="xl" id={headingId}>
              {DOCUMENT_CATEGORY_LABELS[group.category]}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {group.documents.map((document) => (
                <DocumentCard key={document.id} document={document} />
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
    </Stack>
  );
}

/** The shape of the list while it loads. */
export function DocumentListSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      <Skeleton h={28} w={220} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={140} radius="md" />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
