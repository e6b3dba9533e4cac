import { Suspense, lazy } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ofName } from '@affilia/shared/domain/person-name';
import { paths } from '../config/paths';
import type { RadiationCreated, RadiationDetail } from '../lib/radiations-api';
import { useRadiationPrefill } from '../lib/radiations-api';
import { FormLoading } from './form-parts';
import { AnchorLink } from './links';
import { LoadError } from './load-error';
import { UserModal } from './user-modal';

// The form carries zod, the shared schema and the Select: loaded when the dialog opens.
const RadiationForm = lazy(() =>
  import('./radiation-form').then((m) => ({ default: m.RadiationForm })),
);

function DialogBody({
  memberId,
  existing,
  onDone,
  onClose,
}: {
  memberId: string;
  existing: RadiationDetail | null | undefined;
  onDone: (result: RadiationCreated | RadiationDetail) => void;
  onClose: () => void;
}) {
  const prefill = useRadiationPrefill(memberId);
  if (prefill.isError) {
    return <LoadError error={prefill.error} onRetry={() => void prefill.refetch()} compact />;
  }
  if (!prefill.data) return <FormLoading />;
  const open = prefill.data.openRadiationId;
  if (!existing && open) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />}>
        Une radiation de ce salarié est déjà envoyée à l’assureur ou traitée.{' '}
        <AnchorLink to={paths.radiation} params={{ radiationId: open }} underline="always">
          Voir la radiation
        </AnchorLink>
      </Alert>
    );
  }
  return (
    <Suspense fallback={<FormLoading />}>
      <Stack gap="md">
        <Text size="sm" c="gray.8">
          {prefill.data.member.establishment.name} — les champs marqués d’un astérisque sont
          obligatoires.
        </Text>
        <RadiationForm
          prefill={prefill.data}
          existing={existing}
          onDone={onDone}
          onCancel={onClose}
        />
      </Stack>
    </Suspense>
  );
}

/**
 * « Radier » a member (issue 18), or « Corriger et renvoyer » a returned radiation: a dialog on a
 * computer, full screen on a phone, the form loaded when it opens.
 */
export function RadiationDialog({
  opened,
  memberId,
  memberName,
  existing,
  onDone,
  onClose,
}: {
  opened: boolean;
  memberId: string;
  /** « Jeanne Martin »: the dialog's title names the member. */
  memberName: string;
  existing?: RadiationDetail | null;
  onDone: (result: RadiationCreated | RadiationDetail) => void;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={opened}
      onClose={onClose}
      title={existing ? `Corriger la radiation ${ofName(memberName)}` : `Radier ${memberName}`}
      size="xl"
    >
      {opened ? (
        <DialogBody memberId={memberId} existing={existing} onDone={onDone} onClose={onClose} />
      ) : null}
    </UserModal>
  );
}
