import { Alert, Button, Checkbox, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Terms } from '@affilia/shared/schemas/auth';
import { SimpleMarkdown } from '../../../components/simple-markdown';
import { errorMessage } from '../../../lib/form-errors';
import type { useCurrentTerms } from '../api/use-activation';
import classes from './activation-steps.module.css';

/** The terms of use in force, in a box that scrolls (and can be scrolled with the keyboard). */
export function TermsBox({ query }: { query: ReturnType<typeof useCurrentTerms> }) {
  if (query.isPending) {
    return (
      <Stack align="center" p="md" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Chargement des conditions générales…</Text>
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(query.error)}</Text>
          <Button size="xs" variant="white" onClick={() => void query.refetch()}>
            Réessayer
          </Button>
        </Stack>
      </Alert>
    );
  }
  const terms: Terms = query.data;
  return (
    <ScrollArea.Autosize
      mah={260}
      type="auto"
      className={classes.terms}
      viewportProps={{
        tabIndex: 0,
        role: 'region',
        'aria-label': `${terms.title}, version ${terms.version}`,
      }}
    >
      <div style={{ padding: 'var(--mantine-spacing-md)' }}>
        <SimpleMarkdown source={terms.contentMarkdown} headingOrder={3} />
      </div>
    </ScrollArea.Autosize>
  );
}

/** « Conditions générales d’utilisation » in force, and the box to tick to accept them. */
export function TermsAcceptance<Values extends { acceptTerms: boolean }>({
  query,
  form,
}: {
  query: ReturnType<typeof useCurrentTerms>;
  form: UseFormReturnType<Values>;
}) {
  const version = query.data ? ` (version ${query.data.version})` : '';
  return (
    <Stack gap="xs">
      <Text fw={700}>Conditions générales d’utilisation{version}</Text>
      <TermsBox query={query} />
      <Checkbox
        size="md"
        label={`J’ai lu et j’accepte les conditions générales d’utilisation${version}`}
        disabled={!query.data}
        {...form.getInputProps('acceptTerms', { type: 'checkbox' })}
      />
    </Stack>
  );
}
