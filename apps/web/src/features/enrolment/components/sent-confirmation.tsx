import type { ReactNode } from 'react';
import { Button, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { useDocumentTitle } from '../../../lib/document-title';
import { FocusedTitle } from '../../../components/focused-title';

/**
 * The screen after the form was sent (the BIA, a request of dispense): what happens next, where
 * the copy was emailed, and the PDF just sent to download (the receipt cookie).
 */
export function SentConfirmation({
  title,
  next,
  email,
  what,
  downloadHref,
  downloadLabel,
  closing,
}: {
  title: string;
  next: ReactNode;
  email: string | null;
  /** « votre bulletin complété », « votre demande signée ». */
  what: string;
  downloadHref: string;
  downloadLabel: string;
  closing: string;
}) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg" maw={560} mx="auto" align="flex-start">
      <ThemeIcon color="teal" variant="light" size={56} radius="xl">
        <IconCircleCheck size={34} aria-hidden />
      </ThemeIcon>
      <FocusedTitle>{title}</FocusedTitle>
      <Text>{next}</Text>
      <Text>
        {email
          ? `Une copie de ${what} vous a été envoyée par e-mail à ${email}. Vous pouvez aussi la télécharger maintenant :`
          : `Vous pouvez télécharger ${what} :`}
      </Text>
      <Button
        component="a"
        href={downloadHref}
        download
        size="md"
        variant="light"
        leftSection={<IconDownload size={18} aria-hidden />}
      >
        {downloadLabel}
      </Button>
      <Text size="sm" c="dimmed">
        {closing}
      </Text>
    </Stack>
  );
}
