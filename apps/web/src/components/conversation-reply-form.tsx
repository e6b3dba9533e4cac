import { useState } from 'react';
import { Alert, Button, Group, Stack, Textarea, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { MESSAGE_TEXT_MAX, MessageTextSchema } from '@affilia/shared/schemas/messages';
import { errorMessage, fieldErrors } from '../lib/form-errors';
import { useAppForm } from '../lib/use-app-form';
import { AttachmentsInput } from './attachments-input';

/** The form's texts for the employer (a new message) and for the insurer's staff (an answer). */
const TEXTS = {
  employer: {
    heading: 'Répondre',
    label: 'Votre message',
    emptyMessage: 'Saisissez votre message',
    submitLabel: 'Envoyer',
  },
  staff: {
    heading: null,
    label: 'Votre réponse',
    emptyMessage: 'Saisissez votre réponse',
    submitLabel: 'Répondre',
  },
} as const;

interface Props {
  /** The mutation that posts the text and the files to the conversation. */
  send: UseMutationResult<unknown, Error, { text: string; files: File[] }>;
  /** Who is on the page: the employer (« Répondre » heading, « Envoyer ») or the insurer's staff. */
  reader: 'employer' | 'staff';
}

/** A new message in a conversation: its text and attachments; emptied once sent. */
export function ConversationReplyForm({ send, reader }: Props) {
  const { heading, label, emptyMessage, submitLabel } = TEXTS[reader];
  const [files, setFiles] = useState<File[]>([]);
  const form = useAppForm<{ text: string }>({
    initialValues: { text: '' },
    validate: {
      text: (value) => {
        const parsed = MessageTextSchema.safeParse(value);
        return parsed.success ? null : (parsed.error.issues[0]?.message ?? emptyMessage);
      },
    },
  });
  const errors = form.errors as Record<string, string | undefined>;

  const onSubmit = ({ text }: { text: string }) => {
    send.mutate(
      { text: MessageTextSchema.parse(text), files },
      {
        onSuccess: () => {
          form.reset();
          setFiles([]);
        },
        onError: (err) => form.setErrors(fieldErrors(err)),
      },
    );
  };

  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack gap="md" maw={reader === 'employer' ? 720 : undefined}>
        {heading ? (
          <Title order={2} size="h4">
            {heading}
          </Title>
        ) : null}
        {send.error && Object.keys(fieldErrors(send.error)).length === 0 ? (
          <Alert color="red" role="alert">
            {errorMessage(send.error)}
          </Alert>
        ) : null}
        <Textarea
          label={label}
          required
          autosize
          minRows={4}
          maxLength={MESSAGE_TEXT_MAX}
          {...form.getInputProps('text')}
          disabled={send.isPending}
        />
        <AttachmentsInput
          files={files}
          onChange={(next) => {
            setFiles(next);
            form.clearFieldError('attachments');
          }}
          error={errors.attachments}
          disabled={send.isPending}
        />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
