import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '../lib/document-title';

/** Keeps « e-mail » (and any hyphenated word) on one line in a big title. */
function NoBreakHyphens({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\S+-\S+)/).map((part, i) =>
        part.includes('-') ? (
          <span key={i} style={{ whiteSpace: 'nowrap' }}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * The white card the sign-in and account pages sit in, centred on the tinted public background,
 * with the page's `<h1>` (also the document title).
 */
export function AuthCard({
  title,
  eyebrow,
  description,
  size = 'sm',
  children,
}: {
  title: string;
  /** A short line above the title (« Espace assureur », « Étape 2 sur 3 »). */
  eyebrow?: ReactNode;
  description?: ReactNode;
  /** `sm` for a short form, `md` for the activation steps. */
  size?: 'sm' | 'md';
  children: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Paper
      withBorder
      shadow="md"
      radius="lg"
      p={{ base: 'lg', sm: 36 }}
      maw={size === 'md' ? 720 : 480}
      mx="auto"
      w="100%"
      bg="white"
    >
      <Stack gap="lg">
        <Stack gap={6}>
          {eyebrow ? (
            <Text size="sm" fw={700} c="brand.7">
              {eyebrow}
            </Text>
          ) : null}
          <Title order={1} fz={{ base: 24, sm: 28 }} lh={1.25}>
            <NoBreakHyphens text={title} />
          </Title>
          {description ? <Text c="gray.8">{description}</Text> : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
