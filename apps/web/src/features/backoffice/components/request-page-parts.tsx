import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Alert, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import type { AppPath } from '../../../config/paths';
import { errorMessage } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';

/*
 * What the back office's pages of one request (an affiliation, a radiation) share: the link back
 * to their queue, the page while it loads or when it cannot be read, and the outcome of the last
 * decision — said on the page (focused, so that a screen reader reads it) and in a notification.
 */

export function BackLink({ to, children }: { to: AppPath; children: ReactNode }) {
  return (
    <AnchorLink to={to} size="sm" fw={600} style={{ alignSelf: 'flex-start' }}>
      <Group gap={6} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {children}
      </Group>
    </AnchorLink>
  );
}

/** The request's page: loading, not found (or another error), or `children` with its data. */
export function RequestPage<Data>({
  query,
  loading,
  notFound,
  backLink,
  children,
}: {
  query: UseQueryResult<Data>;
  /** « Chargement de la demande… » */
  loading: string;
  /** « Demande introuvable » */
  notFound: string;
  backLink: ReactNode;
  children: (data: Data) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Text role="status" size="sm">
          {loading}
        </Text>
        <Skeleton h={40} w="50%" />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Page title={notFound}>
        {backLink}
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {errorMessage(query.error)}
        </Alert>
      </Page>
    );
  }
  return children(query.data);
}

/** The outcome of the page's last action: `done(message)`, `failed(error)`, and its alerts. */
export function useOutcome() {
  const [outcome, setOutcome] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome || problem) ref.current?.focus();
  }, [outcome, problem]);

  const done = (message: string) => {
    setProblem(null);
    setOutcome(message);
    notifySuccess(message);
  };
  const failed = (error: unknown) => {
    setOutcome(null);
    setProblem(errorMessage(error));
  };
  const alerts = (
    <div ref={ref} tabIndex={-1} aria-live="polite" style={{ outline: 'none' }}>
      {outcome ? (
        <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />} title={outcome} />
      ) : null}
      {problem ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
          {problem}
        </Alert>
      ) : null}
    </div>
  );
  return { done, failed, alerts };
}
