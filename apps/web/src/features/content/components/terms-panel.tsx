import { LoadError } from '../../../components/load-error';
import { useId, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconEye, IconPlus, IconSend } from '@tabler/icons-react';
import { TermsDraftSchema } from '@affilia/shared/schemas/content';
import { SimpleMarkdown } from '../../../components/simple-markdown';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage, focusFirstInvalid, showFieldErrors } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import type { TermsVersion } from '../api/use-content';
import { useCreateTermsDraft, usePublishTerms, useTermsVersions } from '../api/use-content';
import { SkeletonRows } from '../../../components/list-skeleton';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

const CLOSE = { 'aria-label': 'Fermer la notification' };

function StatusBadge({ version }: { version: TermsVersion }) {
  if (!version.publishedAt) return <Badge color="gray">Brouillon</Badge>;
  if (version.current) return <Badge color="teal">En vigueur</Badge>;
  return (
    <Badge color="gray" variant="outline">
      Remplacée
    </Badge>
  );
}

interface DraftValues {
  version: string;
  title: string;
  contentMarkdown: string;
}

function NewVersionModal({
  opened,
  onClose,
  current,
}: {
  opened: boolean;
  onClose: () => void;
  current: TermsVersion | undefined;
}) {
  const formId = useId();
  const create = useCreateTermsDraft();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<DraftValues>({
    initialValues: {
      version: '',
      title: current?.title ?? 'Conditions générales d’utilisation',
      contentMarkdown: current?.contentMarkdown ?? '',
    },
    validate: zodResolver(TermsDraftSchema),
  });
  const close = () => {
    if (create.isPending) return;
    form.reset();
    setProblem(null);
    create.reset();
    onClose();
  };
  const submit = form.onSubmit(
    (values) => {
      setProblem(null);
      create.mutate(values, {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            title: 'Brouillon enregistré',
            message: `La version ${saved.version} est enregistrée : publiez-la pour la mettre en vigueur.`,
            closeButtonProps: CLOSE,
          });
          form.reset();
          onClose();
        },
        onError: (error) => {
          if (!showFieldErrors(form, formId, error)) setProblem(errorMessage(error));
        },
      });
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <Dialog
      opened={opened}
      onClose={close}
      size="xl"
      title="Nouvelle version des conditions d’utilisation"
    >
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            La version est enregistrée comme brouillon ; elle n’est proposée aux utilisateurs qu’une
            fois publiée. Le texte part de la version en vigueur.
          </Text>
          <FormAlert message={problem} />
          <Group grow align="flex-start">
            <TextInput
              label="Numéro de version"
              placeholder="ex. 2026-06"
              required
              maxLength={40}
              data-autofocus
              {...form.getInputProps('version')}
            />
            <TextInput label="Titre" required maxLength={200} {...form.getInputProps('title')} />
          </Group>
          <Textarea
            label="Texte"
            description="Markdown simple : « ## Titre », paragraphes, listes « - »"
            required
            autosize
            minRows={10}
            maxRows={20}
            {...form.getInputProps('contentMarkdown')}
          />
          <FormButtons
            submitLabel="Enregistrer le brouillon"
            loading={create.isPending}
            onCancel={close}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

/** The versions, newest first, each with « Lire » and, for a draft, « Publier ». */
function VersionsTable({
  versions,
  canPublish,
  onRead,
  onPublish,
}: {
  versions: TermsVersion[];
  canPublish: boolean;
  onRead: (version: TermsVersion) => void;
  onPublish: (version: TermsVersion) => void;
}) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>Versions des conditions d’utilisation</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Titre</Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              <Table.Th scope="col">Publiée le</Table.Th>
              <Table.Th scope="col">Acceptations</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Th scope="row">{v.version}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{v.title}</Table.Td>
                <Table.Td>
                  <StatusBadge version={v} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {v.publishedAt ? formatDateTime(v.publishedAt) : '—'}
                </Table.Td>
                <Table.Td>{v.acceptances.toLocaleString('fr-FR')}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconEye size={16} aria-hidden />}
                      onClick={() => onRead(v)}
                      aria-label={`Lire la version ${v.version}`}
                    >
                      Lire
                    </Button>
                    {!v.publishedAt && canPublish ? (
                      <Button
                        size="xs"
                        leftSection={<IconSend size={16} aria-hidden />}
                        onClick={() => onPublish(v)}
                        aria-label={`Publier la version ${v.version}`}
                      >
                        Publier
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** One version's text, as the users read it. */
function ReadVersionModal({
  viewing,
  onClose,
}: {
  viewing: TermsVersion | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      opened={viewing !== null}
      onClose={onClose}
      size="xl"
      title={viewing ? `${viewing.title} — version ${viewing.version}` : ''}
    >
      {viewing ? (
        <ScrollArea.Autosize mah="65vh" type="auto">
          <SimpleMarkdown source={viewing.contentMarkdown} headingOrder={3} />
        </ScrollArea.Autosize>
      ) : null}
    </Dialog>
  );
}

/** « Publier la version »: what it changes for the users, before it is done. */
function PublishModal({
  toPublish,
  onClose: close,
}: {
  toPublish: TermsVersion | null;
  onClose: () => void;
}) {
  const publish = usePublishTerms();
  const onClose = () => {
    close();
    publish.reset();
  };
  const confirmPublish = () => {
    if (!toPublish) return;
    publish.mutate(toPublish.id, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          title: 'Version publiée',
          message: `La version ${saved.version} est en vigueur : chaque utilisateur l’acceptera à sa prochaine connexion.`,
          closeButtonProps: CLOSE,
          autoClose: 8000,
        });
        onClose();
      },
    });
  };

  return (
    <Dialog
      opened={toPublish !== null}
      onClose={() => {
        if (publish.isPending) return;
        onClose();
      }}
      title={`Publier la version ${toPublish?.version ?? ''}`}
    >
      <Stack gap="md">
        <Text>
          Cette version remplacera celle en vigueur. <strong>Chaque utilisateur</strong> des espaces
          entreprise devra l’accepter à sa prochaine connexion avant de pouvoir continuer.
        </Text>
        {publish.isError ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
            {errorMessage(publish.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={publish.isPending}>
            Annuler
          </Button>
          <Button onClick={confirmPublish} loading={publish.isPending}>
            Publier
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** « Conditions d'utilisation »: the versions, « Nouvelle version », « Publier ». */
export function TermsPanel({ canPublish }: { canPublish: boolean }) {
  const query = useTermsVersions();
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<TermsVersion | null>(null);
  const [toPublish, setToPublish] = useState<TermsVersion | null>(null);

  if (query.isPending) {
    return <SkeletonRows label="Chargement des versions…" rows={3} height={40} />;
  }
  if (query.isError) {
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const versions = query.data.versions;
  const current = versions.find((v) => v.current);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" role="status">
          {versions.length === 0
            ? 'Aucune version'
            : `${versions.length} version${versions.length > 1 ? 's' : ''}`}
        </Text>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
          Nouvelle version
        </Button>
      </Group>
      {versions.length === 0 ? (
        <Paper withBorder radius="md" p="xl" ta="center">
          <Text fw={600}>Aucune version des conditions d’utilisation.</Text>
          <Text size="sm" c="dimmed">
            Rédigez la première version, puis publiez-la.
          </Text>
        </Paper>
      ) : (
        <VersionsTable
          versions={versions}
          canPublish={canPublish}
          onRead={setViewing}
          onPublish={setToPublish}
        />
      )}
      {!canPublish ? (
        <Text size="sm" c="dimmed">
          Seuls les administrateurs du back-office peuvent publier une version.
        </Text>
      ) : null}

      {creating ? (
        <NewVersionModal opened onClose={() => setCreating(false)} current={current} />
      ) : null}

      <ReadVersionModal viewing={viewing} onClose={() => setViewing(null)} />

      <PublishModal toPublish={toPublish} onClose={() => setToPublish(null)} />
    </Stack>
  );
}
