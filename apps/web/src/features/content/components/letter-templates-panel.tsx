import { useId, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Flex,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { LetterTemplateSchema } from '@affilia/shared/schemas/radiations';
import { FormAlert } from '../../../components/form-parts';
import { SkeletonRows } from '../../../components/list-skeleton';
import { LoadError } from '../../../components/load-error';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage, focusFirstInvalid, showFieldErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';
import type { LetterTemplateAnswer, LetterTemplateInput } from '../api/use-letter-templates';
import {
  previewLetterTemplate,
  useLetterTemplate,
  useResetLetterTemplate,
  useSaveLetterTemplate,
} from '../api/use-letter-templates';

/** The placeholders the text may use, each with what it becomes. */
function Placeholders({ template }: { template: LetterTemplateAnswer }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="placeholders-title">
      <Title order={3} fz="md" id="placeholders-title" mb="xs">
        Champs à insérer
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Écrits tels quels dans l’objet ou le texte, ils sont remplacés pour chaque salarié.
      </Text>
      <Stack component="dl" gap="xs" m={0}>
        {template.placeholders.map((p) => (
          <div key={p.name}>
            <Text component="dt" size="sm">
              <Code>{`{{${p.name}}}`}</Code>
            </Text>
            <Text component="dd" size="sm" m={0} mt={2} c="gray.8">
              {p.description}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

/** « Revenir au texte par défaut », confirmed before the insurer's text is replaced. */
function BackToDefault({
  kind,
  onDone,
  onError,
}: {
  kind: LetterTemplateAnswer['kind'];
  onDone: (saved: LetterTemplateAnswer) => void;
  onError: (error: unknown) => void;
}) {
  const reset = useResetLetterTemplate(kind);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Group>
        <Button variant="subtle" onClick={() => setConfirming(true)}>
          Revenir au texte par défaut
        </Button>
      </Group>
    );
  }
  const confirm = () =>
    reset.mutate(undefined, {
      onSuccess: (saved) => {
        setConfirming(false);
        onDone(saved);
      },
      onError,
    });
  return (
    <Alert color="orange" title="Revenir au texte par défaut ?">
      <Stack gap="sm">
        <Text size="sm">
          Votre texte sera remplacé par le texte d’origine de la notice, pour les prochaines
          notices.
        </Text>
        <Group gap="sm">
          <Button color="orange" loading={reset.isPending} onClick={confirm}>
            Rétablir le texte d’origine
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            Garder mon texte
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The notice's subject and body, saved or previewed as a PDF. */
function NoticeForm({ template }: { template: LetterTemplateAnswer }) {
  const formId = useId();
  const save = useSaveLetterTemplate(template.kind);
  const [problem, setProblem] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const form = useAppForm<LetterTemplateInput>({
    initialValues: { subject: template.subject, body: template.body },
    validate: zodResolver(LetterTemplateSchema),
  });
  const showSaved = (saved: LetterTemplateAnswer) => {
    const values = { subject: saved.subject, body: saved.body };
    form.setInitialValues(values);
    form.setValues(values);
  };

  const submit = form.onSubmit(
    (values) => {
      setProblem(null);
      save.mutate(values, {
        onSuccess: (saved) => {
          showSaved(saved);
          notifySuccess(
            'Le modèle de la notice est enregistré : les prochaines notices l’utilisent.',
          );
        },
        onError: (error) => {
          if (!showFieldErrors(form, formId, error)) setProblem(errorMessage(error));
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  const preview = async () => {
    const checked = form.validate();
    if (checked.hasErrors) {
      focusFirstInvalid(formId);
      return;
    }
    setProblem(null);
    setPreviewing(true);
    // Opened now, while the click still counts: a window opened after the answer is blocked.
    const tab = window.open('', '_blank');
    try {
      const pdf = await previewLetterTemplate(template.kind, form.getValues());
      const url = URL.createObjectURL(pdf);
      if (tab) tab.location.href = url;
      else window.location.assign(url);
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      tab?.close();
      setProblem(errorMessage(error));
    } finally {
      setPreviewing(false);
    }
  };

  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert message={problem} />
        <TextInput label="Objet" required maxLength={200} {...form.getInputProps('subject')} />
        <Textarea
          label="Texte du courrier"
          description="Une ligne vide sépare deux paragraphes ; une ligne commençant par « - » est un élément de liste. {{portabilite}} et {{evin}} deviennent les paragraphes calculés pour chaque départ."
          required
          autosize
          minRows={12}
          maxRows={30}
          maxLength={20_000}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 14 } }}
          {...form.getInputProps('body')}
        />
        <Group justify="space-between" gap="sm">
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            loading={previewing}
            onClick={() => void preview()}
          >
            Aperçu PDF
          </Button>
          <Button type="submit" loading={save.isPending}>
            Enregistrer
          </Button>
        </Group>
        {template.isDefault ? null : (
          <BackToDefault
            kind={template.kind}
            onDone={(saved) => {
              showSaved(saved);
              notifySuccess('Le texte d’origine de la notice est rétabli.');
            }}
            onError={(error) => setProblem(errorMessage(error))}
          />
        )}
      </Stack>
    </form>
  );
}

/**
 * « Modèles de courrier » (issue 18): the notice of the end of the group cover that a departing
 * employee receives (by email, or as a PDF to print) and the employer downloads.
 */
export function LetterTemplatesPanel() {
  const template = useLetterTemplate('radiation_notice');
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={2} fz="lg">
            Notice de fin de couverture (radiation)
          </Title>
          {template.data ? (
            template.data.isDefault ? (
              <Badge color="gray" variant="light" tt="none" c="gray.8">
                Texte par défaut
              </Badge>
            ) : (
              <Badge color="teal" variant="light" tt="none">
                {`Modifié le ${formatDateTime(template.data.updatedAt)}`}
              </Badge>
            )
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          Envoyée au salarié qui quitte l’entreprise, avec la période de portabilité et, s’il y a
          lieu, l’offre de maintien individuel (loi Évin) ; l’employeur télécharge le même PDF.
        </Text>
      </Stack>
      {template.isPending ? (
        <SkeletonRows label="Chargement du modèle…" rows={6} height={40} />
      ) : template.isError ? (
        <LoadError error={template.error} onRetry={() => void template.refetch()} />
      ) : (
        <Flex direction={{ base: 'column', lg: 'row' }} gap="lg" align="flex-start">
          <Box style={{ flex: 2, minWidth: 0, width: '100%' }}>
            <NoticeForm template={template.data} />
          </Box>
          <Box style={{ flex: 1, minWidth: 0, width: '100%' }}>
            <Placeholders template={template.data} />
          </Box>
        </Flex>
      )}
    </Stack>
  );
}
