import { LoadError } from '../../../components/load-error';
import { useId, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconArrowDown,
  IconArrowUp,
  IconBulb,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { TipInputSchema } from '@affilia/shared/schemas/content';
import { errorMessage, focusFirstInvalid, showFieldErrors } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import type { Tip } from '../api/use-content';
import { useCreateTip, useDeleteTip, useTips, useUpdateTip } from '../api/use-content';
import { SkeletonRows } from '../../../components/list-skeleton';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

const CLOSE = { 'aria-label': 'Fermer la notification' };

interface TipValues {
  title: string;
  body: string;
  position: number | string;
  published: boolean;
}

function TipFormModal({ tip, onClose }: { tip: Tip | null; onClose: () => void }) {
  const formId = useId();
  const create = useCreateTip();
  const update = useUpdateTip();
  const pending = create.isPending || update.isPending;
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<TipValues>({
    initialValues: {
      title: tip?.title ?? '',
      body: tip?.body ?? '',
      position: tip?.position ?? '',
      published: tip?.published ?? false,
    },
    validate: zodResolver(TipInputSchema),
  });
  const onError = (error: unknown) => {
    if (!showFieldErrors(form, formId, error)) setProblem(errorMessage(error));
  };
  const submit = form.onSubmit(
    (values) => {
      if (pending) return;
      setProblem(null);
      const input = {
        title: values.title,
        body: values.body,
        published: values.published,
        ...(values.position === '' ? {} : { position: Number(values.position) }),
      };
      const done = (saved: Tip) => {
        notifications.show({
          color: 'teal',
          title: tip ? 'Conseil modifié' : 'Conseil ajouté',
          message: saved.published
            ? `« ${saved.title} » est affiché sur la page d’accueil des entreprises.`
            : `« ${saved.title} » est enregistré sans être affiché.`,
          closeButtonProps: CLOSE,
        });
        onClose();
      };
      if (tip) update.mutate({ id: tip.id, patch: input }, { onSuccess: done, onError });
      else create.mutate(input, { onSuccess: done, onError });
    },
    () => focusFirstInvalid(formId),
  );
  return (
    <Dialog
      opened
      onClose={() => (pending ? undefined : onClose())}
      size="lg"
      title={tip ? `Modifier « ${tip.title} »` : 'Ajouter un conseil'}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert message={problem} />
          <TextInput
            label="Titre"
            required
            maxLength={120}
            data-autofocus
            {...form.getInputProps('title')}
          />
          <Textarea
            label="Texte"
            required
            autosize
            minRows={4}
            maxRows={10}
            maxLength={2000}
            {...form.getInputProps('body')}
          />
          <NumberInput
            label="Position"
            description="Les conseils sont affichés du plus petit numéro au plus grand ; vide : à la fin"
            min={0}
            max={10000}
            allowDecimal={false}
            w={{ base: '100%', sm: 240 }}
            {...form.getInputProps('position')}
          />
          <Switch
            label="Publié (affiché sur la page d’accueil des entreprises)"
            {...form.getInputProps('published', { type: 'checkbox' })}
          />
          <FormButtons
            submitLabel="Enregistrer"
            loading={pending}
            onCancel={onClose}
            cancelDisabled={pending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

/** One tip: its title, state and text; « Publié », move up or down, edit, delete. */
function TipCard({
  tip,
  first,
  last,
  busy,
  onPublished,
  onMove,
  onEdit,
  onDelete,
}: {
  tip: Tip;
  first: boolean;
  last: boolean;
  busy: boolean;
  onPublished: (published: boolean) => void;
  onMove: (delta: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="li">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {tip.title}
            </Text>
            <Badge color={tip.published ? 'teal' : 'gray'} variant="light">
              {tip.published ? 'Publié' : 'Non publié'}
            </Badge>
            <Text size="xs" c="dimmed">
              Position {tip.position}
            </Text>
          </Group>
          <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
            {tip.body}
          </Text>
        </Stack>
        <Stack gap="xs" align="flex-end">
          <Switch
            label="Publié"
            checked={tip.published}
            disabled={busy}
            onChange={(e) => onPublished(e.currentTarget.checked)}
            aria-label={`Publier « ${tip.title} »`}
          />
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              disabled={first || busy}
              onClick={() => onMove(-1)}
              aria-label={`Monter « ${tip.title} »`}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              disabled={last || busy}
              onClick={() => onMove(1)}
              aria-label={`Descendre « ${tip.title} »`}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="default" onClick={onEdit} aria-label={`Modifier « ${tip.title} »`}>
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              color="red"
              onClick={onDelete}
              aria-label={`Supprimer « ${tip.title} »`}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/** « Supprimer ce conseil ? », before it is done. */
function DeleteTipModal({ toDelete, onClose }: { toDelete: Tip | null; onClose: () => void }) {
  const remove = useDeleteTip();
  return (
    <Dialog
      opened={toDelete !== null}
      onClose={() => (remove.isPending ? undefined : onClose())}
      title="Supprimer ce conseil ?"
    >
      <Stack gap="md">
        <Text>« {toDelete?.title} » sera supprimé définitivement.</Text>
        {remove.isError ? (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
            {errorMessage(remove.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={remove.isPending}>
            Annuler
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              toDelete &&
              remove.mutate(toDelete.id, {
                onSuccess: () => {
                  onClose();
                  remove.reset();
                },
              })
            }
          >
            Supprimer
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** « Conseils et astuces »: the list in order, add, edit, delete, move, publish. */
export function TipsPanel() {
  const query = useTips();
  const update = useUpdateTip();
  const [editing, setEditing] = useState<Tip | 'new' | null>(null);
  const [toDelete, setToDelete] = useState<Tip | null>(null);

  if (query.isPending) {
    return <SkeletonRows label="Chargement des conseils…" rows={3} height={64} />;
  }
  if (query.isError) {
    return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const tips = query.data.tips;
  const failed = (error: unknown) =>
    notifications.show({
      color: 'red',
      title: 'Modification impossible',
      message: errorMessage(error),
      closeButtonProps: CLOSE,
    });

  /** Swaps the positions of two neighbours (renumbered when they are equal). */
  const move = (index: number, delta: -1 | 1) => {
    const a = tips[index];
    const b = tips[index + delta];
    if (!a || !b || update.isPending) return;
    const [pa, pb] =
      a.position === b.position ? [b.position + delta, a.position] : [b.position, a.position];
    update.mutate(
      { id: a.id, patch: { position: Math.max(0, pa) } },
      {
        onSuccess: () =>
          update.mutate({ id: b.id, patch: { position: Math.max(0, pb) } }, { onError: failed }),
        onError: failed,
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" role="status">
          {tips.length === 0
            ? 'Aucun conseil'
            : `${tips.length} conseil${tips.length > 1 ? 's' : ''}, dont ${tips.filter((t) => t.published).length} publié${tips.filter((t) => t.published).length > 1 ? 's' : ''}`}
        </Text>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
          Ajouter un conseil
        </Button>
      </Group>
      {tips.length === 0 ? (
        <Paper withBorder radius="md" p="xl" ta="center">
          <Stack align="center" gap="xs">
            <IconBulb size={32} aria-hidden />
            <Text fw={600}>Aucun conseil pour le moment.</Text>
            <Text size="sm" c="dimmed">
              Les conseils publiés s’affichent en bas de la page d’accueil des entreprises.
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {tips.map((tip, index) => (
            <TipCard
              key={tip.id}
              tip={tip}
              first={index === 0}
              last={index === tips.length - 1}
              busy={update.isPending}
              onPublished={(published) =>
                update.mutate({ id: tip.id, patch: { published } }, { onError: failed })
              }
              onMove={(delta) => move(index, delta)}
              onEdit={() => setEditing(tip)}
              onDelete={() => setToDelete(tip)}
            />
          ))}
        </Stack>
      )}

      {editing ? (
        <TipFormModal
          key={editing === 'new' ? 'new' : editing.id}
          tip={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}

      <DeleteTipModal toDelete={toDelete} onClose={() => setToDelete(null)} />
    </Stack>
  );
}
