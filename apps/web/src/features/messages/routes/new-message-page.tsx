import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
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
import { useMe } from '../../../lib/use-me';
import { fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { useCreateConversation } from '../api/use-messages';
import { MessageFields } from '../../../components/conversation-reply-form';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';

const FORM_ID = 'nouveau-message';

interface MessageValues {
  category: string | null;
  subject: string | null;
  companyId: string | null;
  text: string;
}

const validate = zodResolver(NewConversationSchema);

/** The values the schema reads: the company is implied when the user has only one. */
function withCompany(values: MessageValues, onlyCompany: string | null) {
  return {
    category: values.category ?? undefined,
    subject: values.subject ?? undefined,
    companyId: values.companyId ?? onlyCompany ?? undefined,
    text: values.text,
  };
}

/** `/messages/nouveau`: « Nouveau message » (SPEC §5.7). */
export function NewMessagePage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const companies = me?.companies ?? [];
  const [files, setFiles] = useState<File[]>([]);
  const create = useCreateConversation();
  const onlyCompany = companies.length === 1 ? companies[0]!.id : null;
  const form = useAppForm<MessageValues>({
    initialValues: { category: null, subject: null, companyId: null, text: '' },
    validate: (values) => validate(withCompany(values, onlyCompany)),
  });
  const { category, text } = form.getValues();

  const subjects = category ? MESSAGE_SUBJECTS_BY_CATEGORY[category as MessageCategory] : [];

  const send = (values: MessageValues) => {
    const parsed = NewConversationSchema.parse(withCompany(values, onlyCompany));
    create.mutate(
      { values: parsed, files },
      {
        onSuccess: (created) =>
          void navigate({ to: paths.conversation, params: { conversationId: created.id } }),
        onError: (error) => {
          form.setErrors(fieldErrors(error));
          focusFirstInvalid(FORM_ID);
        },
      },
    );
  };

  return (
    <Page title="Nouveau message">
      <AnchorLink to={paths.messages}>Retour à la messagerie</AnchorLink>
      <form
        id={FORM_ID}
        onSubmit={form.onSubmit(send, () => focusFirstInvalid(FORM_ID))}
        noValidate
      >
        <Stack gap="md" maw={720}>
          <Text size="sm" c="dimmed">
            Les champs marqués d’un astérisque (*) sont obligatoires.
          </Text>
          <MessageFields
            form={form}
            send={create}
            label="Votre message"
            minRows={6}
            description={`${text.length} / ${MESSAGE_TEXT_MAX} caractères`}
            files={files}
            setFiles={setFiles}
            submitLabel="Envoyer"
          >
            <DeferredSelect
              label="Catégorie"
              required
              placeholder="Choisissez une catégorie"
              data={MESSAGE_CATEGORIES.map((c) => ({
                value: c,
                label: MESSAGE_CATEGORY_LABELS[c],
              }))}
              {...form.getInputProps('category')}
              onChange={(value: string | null) => {
                form.setFieldValue('category', value);
                form.setFieldValue('subject', null);
              }}
              disabled={create.isPending}
            />
            <DeferredSelect
              label="Objet"
              required
              placeholder={category ? 'Choisissez un objet' : 'Choisissez d’abord une catégorie'}
              data={subjects.map((s) => ({ value: s, label: MESSAGE_SUBJECT_LABELS[s] }))}
              {...form.getInputProps('subject')}
              disabled={create.isPending || !category}
            />
            {companies.length > 1 ? (
              <DeferredSelect
                label="Entreprise concernée"
                required
                placeholder="Choisissez l’entreprise"
                data={companies.map((c) => ({ value: c.id, label: c.name }))}
                {...form.getInputProps('companyId')}
                disabled={create.isPending}
              />
            ) : companies.length === 1 ? (
              <Text size="sm">
                Entreprise concernée : <strong>{companies[0]!.name}</strong>
              </Text>
            ) : null}
          </MessageFields>
        </Stack>
      </form>
    </Page>
  );
}
