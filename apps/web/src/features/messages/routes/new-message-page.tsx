import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import {
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECTS_BY_CATEGORY,
  MESSAGE_SUBJECT_LABELS,
  MESSAGE_TEXT_MAX,
  NewConversationSchema,
} from '@affilia/shared/schemas/messages';
import type { MessageCategory } from '@affilia/shared/domain/enums';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { useMe } from '../../auth/api/use-me';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { useCreateConversation } from '../api/use-messages';
import { AttachmentsInput } from '../../../components/attachments-input';

const FORM_ID = 'nouveau-message';

/** `/messages/nouveau`: « Nouveau message » (SPEC §5.7). */
export function NewMessagePage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const companies = me?.companies ?? [];
  const [category, setCategory] = useState<string | null>(null);
  const [subject, setSubject] = useState<string | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateConversation();
  const company = companyId ?? (companies.length === 1 ? companies[0]!.id : null);

  const subjects = category ? MESSAGE_SUBJECTS_BY_CATEGORY[category as MessageCategory] : [];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = NewConversationSchema.safeParse({
      category: category ?? undefined,
      subject: subject ?? undefined,
      companyId: company ?? undefined,
      text,
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
      setErrors(next);
      focusFirstInvalid(FORM_ID);
      return;
    }
    setErrors({});
    create.mutate(
      { values: parsed.data, files },
      {
        onSuccess: (created) =>
          void navigate({ to: paths.conversation, params: { conversationId: created.id } }),
        onError: (error) => {
          setErrors(fieldErrors(error));
          focusFirstInvalid(FORM_ID);
        },
      },
    );
  };

  return (
    <Page title="Nouveau message">
      <AnchorLink to={paths.messages}>Retour à la messagerie</AnchorLink>
      <form id={FORM_ID} onSubmit={onSubmit} noValidate>
        <Stack gap="md" maw={720}>
          <Text size="sm" c="dimmed">
            Les champs marqués d'un astérisque (*) sont obligatoires.
          </Text>
          {create.error && Object.keys(fieldErrors(create.error)).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <Select
            label="Catégorie"
            required
            placeholder="Choisissez une catégorie"
            data={MESSAGE_CATEGORIES.map((c) => ({ value: c, label: MESSAGE_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={(value) => {
              setCategory(value);
              setSubject(null);
            }}
            error={errors.category}
            disabled={create.isPending}
          />
          <Select
            label="Objet"
            required
            placeholder={category ? 'Choisissez un objet' : "Choisissez d'abord une catégorie"}
            data={subjects.map((s) => ({ value: s, label: MESSAGE_SUBJECT_LABELS[s] }))}
            value={subject}
            onChange={setSubject}
            error={errors.subject}
            disabled={create.isPending || !category}
          />
          {companies.length > 1 ? (
            <Select
              label="Entreprise concernée"
              required
              placeholder="Choisissez l'entreprise"
              data={companies.map((c) => ({ value: c.id, label: c.name }))}
              value={companyId}
              onChange={setCompanyId}
              error={errors.companyId}
              disabled={create.isPending}
            />
          ) : companies.length === 1 ? (
            <Text size="sm">
              Entreprise concernée : <strong>{companies[0]!.name}</strong>
            </Text>
          ) : null}
          <Textarea
            label="Votre message"
            required
            autosize
            minRows={6}
            maxLength={MESSAGE_TEXT_MAX}
            description={`${text.length} / ${MESSAGE_TEXT_MAX} caractères`}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errors.text}
            disabled={create.isPending}
          />
          <AttachmentsInput
            files={files}
            onChange={setFiles}
            error={errors.attachments}
            disabled={create.isPending}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Envoyer
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
