import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useDocumentTitle } from '../lib/document-title';

/**
 * A link that opens nothing (unknown, used, expired): what to do — the enrolment form's, the
 * beneficiaries link's. The support's phone is in the footer, right below (« Besoin d’aide ? »
 * once on the page).
 */
export function LinkProblem({ title, message }: { title: string; message: string }) {
  useDocumentTitle(title);
  return (
    <Stack gap="lg" maw={560} mx="auto">
      <Title order={1} fz={{ base: 24, sm: 30 }}>
        {title}
      </Title>
      <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />}>
        <Text size="sm">{message}</Text>
      </Alert>
    </Stack>
  );
}
