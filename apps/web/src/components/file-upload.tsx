import { useState } from 'react';
import { Box, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { errorMessage, fieldErrors } from '../lib/form-errors';
import { checkChosenFile } from './import-file-check';

/** Where a file's import stands: being chosen, sent (its share), or read by the server. */
export type UploadPhase =
  { step: 'choose' } | { step: 'uploading'; sent: number } | { step: 'processing' };

/** What an import's mutation takes: the file and the upload's progress. */
export interface FileUploadInput {
  file: File;
  onProgress: (sent: number) => void;
}

/**
 * A file chosen for an import (checked at once: type, size), sent with its progress, and what the
 * server answered (`report`) or why it refused it (`problem`, the file's own error on the input).
 */
export function useFileUpload<R>(
  inputId: string,
  mutation: UseMutationResult<R, Error, FileUploadInput>,
  maxBytes?: number,
) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<UploadPhase>({ step: 'choose' });
  const [report, setReport] = useState<R | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = phase.step !== 'choose';

  const refuse = (message: string) => {
    setFileError(message);
    document.getElementById(inputId)?.focus();
  };

  const send = () => {
    if (busy) return;
    if (!file) return refuse('Choisissez un fichier .xlsx ou .csv');
    const invalid = checkChosenFile(file, maxBytes);
    if (invalid) return refuse(invalid);
    setProblem(null);
    setReport(null);
    setPhase({ step: 'uploading', sent: 0 });
    mutation.mutate(
      {
        file,
        onProgress: (sent) =>
          setPhase(sent >= 1 ? { step: 'processing' } : { step: 'uploading', sent }),
      },
      {
        onSuccess: (result) => {
          setReport(result);
          setPhase({ step: 'choose' });
          setFile(null);
        },
        onError: (error) => {
          setPhase({ step: 'choose' });
          const fields = fieldErrors(error);
          if (fields.file) setFileError(fields.file);
          setProblem(errorMessage(error));
        },
      },
    );
  };

  /** A file chosen (or removed): checked at once, the last problem forgotten. */
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProblem(null);
    setFileError(chosen ? checkChosenFile(chosen, maxBytes) : null);
  };

  return { file, choose, fileError, phase, busy, report, setReport, problem, send };
}

/**
 * The upload's progress, the server's reading, then `doneText` (« Import terminé : … »), announced
 * as it changes.
 */
export function UploadProgress({
  phase,
  doneText,
  processingText = 'Import en cours : vérification des lignes…',
}: {
  phase: UploadPhase;
  doneText: string | null;
  processingText?: string;
}) {
  return (
    <Box aria-live="polite" aria-atomic="true">
      {phase.step === 'uploading' ? (
        <Stack gap={6}>
          <Text size="sm">Envoi du fichier… {Math.round(phase.sent * 100)} %</Text>
          <Progress value={phase.sent * 100} aria-label="Envoi du fichier" size="lg" />
        </Stack>
      ) : phase.step === 'processing' ? (
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text size="sm">{processingText}</Text>
        </Group>
      ) : doneText ? (
        <Text size="sm" fw={600}>
          {doneText}
        </Text>
      ) : null}
    </Box>
  );
}
