import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { SupportContact } from '../../../components/support-contact';
import { useDocumentTitle } from '../../../lib/document-title';

/** A link that opens no form (unknown, used, expired): what to do, and the support's phone. */
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
      <Paper withBorder radius="md" p="md">
        <SupportContact />
      </Paper>
    </Stack>
  );
}
