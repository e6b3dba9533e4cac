import type { ReactNode } from 'react';
import { useState } from 'react';
import { Alert, Button, Group, Stack, Textarea, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { MESSAGE_TEXT_MAX, MessageTextSchema } from '@affilia/shared/schemas/messages';
import { errorMessage, fieldErrors } from '../lib/form-errors';
import type { UseFormReturnType } from '@mantine/form';
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
        <MessageFields
          form={form}
          send={send}
          label={label}
          minRows={4}
          files={files}
          setFiles={setFiles}
          submitLabel={submitLabel}
        />
      </Stack>
    </form>
  );
}

/**
 * The end of a message's form: a failure that is not about a field, the text, the attachments
 * (their error cleared when they change) and the button that sends them.
 */
export function MessageFields<Values extends { text: string }>({
  form,
  send,
  label,
  minRows,
  description,
  files,
  setFiles,
  submitLabel,
  children,
}: {
  form: UseFormReturnType<Values>;
  send: { error: unknown; isPending: boolean };
  label: string;
  minRows: number;
  description?: string;
  files: File[];
  setFiles: (files: File[]) => void;
  submitLabel: string;
  /** The fields before the text. */
  children?: ReactNode;
}) {
  const errors = form.errors as Record<string, string | undefined>;
  return (
    <>
      {send.error && Object.keys(fieldErrors(send.error)).length === 0 ? (
        <Alert color="red" role="alert">
          {errorMessage(send.error)}
        </Alert>
      ) : null}
      {children}
      <Textarea
        label={label}
        required
        autosize
        minRows={minRows}
        maxLength={MESSAGE_TEXT_MAX}
        description={description}
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
    </>
  );
}
