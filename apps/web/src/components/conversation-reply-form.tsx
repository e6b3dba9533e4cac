import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { MESSAGE_TEXT_MAX, MessageTextSchema } from '@affilia/shared/schemas/messages';
import { errorMessage, fieldErrors } from '../lib/form-errors';
import { AttachmentsInput } from './attachments-input';

interface Props {
  /** The mutation that posts the text and the files to the conversation. */
  send: UseMutationResult<unknown, Error, { text: string; files: File[] }>;
  /** The text field's label, e.g. « Votre message ». */
  label: string;
  /** The error shown when the text is empty, e.g. « Saisissez votre message ». */
  emptyMessage: string;
  /** The submit button's text, e.g. « Envoyer ». */
  submitLabel: string;
  /** Shown above the form, e.g. a heading. */
  heading?: ReactNode;
  maw?: number;
}

/** A new message in a conversation: its text and attachments; emptied once sent. */
export function ConversationReplyForm({
  send,
  label,
  emptyMessage,
  submitLabel,
  heading,
  maw,
}: Props) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = MessageTextSchema.safeParse(text);
    if (!parsed.success) {
      setErrors({ text: parsed.error.issues[0]?.message ?? emptyMessage });
      return;
    }
    setErrors({});
    send.mutate(
      { text: parsed.data, files },
      {
        onSuccess: () => {
          setText('');
          setFiles([]);
        },
        onError: (err) => setErrors(fieldErrors(err)),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={maw}>
        {heading}
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
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.text}
          disabled={send.isPending}
        />
        <AttachmentsInput
          files={files}
          onChange={setFiles}
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
