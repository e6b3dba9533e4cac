import { useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  CloseButton,
  Fieldset,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconFilesOff, IconSearch } from '@tabler/icons-react';
import type { DocumentCategory } from '@affilia/shared/domain/enums';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import { ListEmpty } from '../../../components/list-empty';
import { Page } from '../../../components/page';
import { errorMessage } from '../../../lib/form-errors';
import { useDocuments } from '../api/use-documents';
import { DocumentGroups, DocumentListSkeleton } from '../components/document-list';
import { parseCategory } from '../../../lib/document-format';

const ALL = 'all';

function EmptyState({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return filtered ? (
    <ListEmpty
      icon={IconFilesOff}
      title="Aucun document ne correspond à votre recherche."
      onReset={onReset}
    />
  ) : (
    <ListEmpty
      icon={IconFilesOff}
      title="Aucun document n’est disponible pour le moment."
      hint="Les documents publiés par votre assureur (résumés de garanties, notice d’information, formulaire de portabilité…) apparaîtront ici."
    />
  );
}

function countLabel(count: number): string {
  if (count === 0) return 'Aucun document';
  return `${count} document${count > 1 ? 's' : ''}`;
}

/** `/documents`: « Mes documents pratiques » (SPEC §5.6). */
export function DocumentsPage() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [category, setCategory] = useState<DocumentCategory | undefined>(undefined);
  const list = useDocuments({ q, category });
  const filtered = q !== '' || category !== undefined;

  const reset = () => {
    setText('');
    setCategory(undefined);
  };

  const groups = list.data?.groups ?? [];
  const count = groups.reduce((n, g) => n + g.documents.length, 0);

  return (
    <Page
      title="Mes documents pratiques"
      description="Accédez à un ensemble de documents pratiques liés à votre régime. Ces documents sont disponibles directement en téléchargement."
    >
      <Paper withBorder radius="md" p="md">
        <Stack gap="md" role="search" aria-label="Rechercher dans les documents">
          <TextInput
            label="Rechercher un document"
            description="Dans le titre ou la description"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            maxLength={200}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              text ? (
                <CloseButton
                  size="sm"
                  aria-label="Effacer la recherche"
                  onClick={() => setText('')}
                />
              ) : null
            }
            w={{ base: '100%', sm: 420 }}
          />
          <Fieldset variant="unstyled" legend="Catégorie" p={0}>
            <Chip.Group
              multiple={false}
              value={category ?? ALL}
              onChange={(value) => setCategory(parseCategory(value))}
            >
              <Group gap="xs" mt={6}>
                <Chip type="radio" name="categorie" value={ALL}>
                  Toutes
                </Chip>
                {DOCUMENT_CATEGORIES.map((c) => (
                  <Chip type="radio" name="categorie" value={c} key={c}>
                    {DOCUMENT_CATEGORY_LABELS[c]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Fieldset>
        </Stack>
      </Paper>

      {list.isPending ? (
        <>
          <VisuallyHidden role="status">Chargement des documents…</VisuallyHidden>
          <DocumentListSkeleton />
        </>
      ) : list.isError ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          icon={<IconAlertCircle aria-hidden />}
          title="Vos documents n’ont pas pu être chargés"
        >
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{errorMessage(list.error)}</Text>
            <Button variant="default" size="xs" onClick={() => void list.refetch()}>
              Réessayer
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Stack
          gap="md"
          aria-busy={list.isFetching}
          style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
        >
          <Text size="sm" c="dimmed" role="status">
            {countLabel(count)}
          </Text>
          {count === 0 ? (
            <EmptyState filtered={filtered} onReset={reset} />
          ) : (
            <DocumentGroups groups={groups} />
          )}
        </Stack>
      )}
    </Page>
  );
}
