import { useState } from 'react';
import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconArrowLeft,
  IconBriefcase,
  IconDownload,
  IconEdit,
  IconMessageReport,
  IconX,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { ofName } from '@affilia/shared/domain/person-name';
import { AnchorLink } from '../../../components/links';
import { CancelConfirmModal } from '../../../components/cancel-confirm-modal';
import { LoadError } from '../../../components/load-error';
import { NewJobDialog } from '../../../components/new-job-dialog';
import { Page } from '../../../components/page';
import { RadiationDialog } from '../../../components/radiation-dialog';
import { RadiationStatusBadge } from '../../../components/radiation-status-badge';
import { RadiationSummary } from '../../../components/radiation-summary';
import { paths } from '../../../config/paths';
import { isApiError } from '../../../lib/api';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import type { RadiationDetail } from '../../../lib/radiations-api';
import { radiationNoticeUrl, useCancelRadiation, useRadiation } from '../../../lib/radiations-api';

type Dialog = 'cancel' | 'edit' | 'newJob' | null;

const memberName = (detail: RadiationDetail) =>
  `${detail.member.firstName} ${detail.member.lastName}`;

function BackLink() {
  return (
    <AnchorLink to={paths.affiliations} size="sm" fw={600} style={{ alignSelf: 'flex-start' }}>
      <Group gap={6} component="span">
        <IconArrowLeft size={16} aria-hidden />
        Retour au suivi des demandes
      </Group>
    </AnchorLink>
  );
}

/** « Annuler » asks for a confirmation: the request leaves the insurer's queue. */
function CancelModal({
  detail,
  opened,
  onClose,
}: {
  detail: RadiationDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const cancel = useCancelRadiation();
  const name = memberName(detail);
  return (
    <CancelConfirmModal
      opened={opened}
      title="Annuler la radiation"
      message={`La radiation ${ofName(name)} passera au statut « Annulée » : l’assureur ne la traitera pas et ${name} reste couvert par le contrat collectif.`}
      pending={cancel.isPending}
      onClose={onClose}
      onConfirm={() =>
        cancel.mutate(detail.id, {
          onSuccess: () => {
            onClose();
            notifySuccess(`La radiation ${ofName(name)} est annulée.`);
          },
          onError: (error) => {
            onClose();
            notifyFailure(error);
          },
        })
      }
    />
  );
}

function Actions({ detail, onOpen }: { detail: RadiationDetail; onOpen: (d: Dialog) => void }) {
  return (
    <Group gap="sm">
      <Button
        component="a"
        href={radiationNoticeUrl(detail.id)}
        download
        variant="default"
        leftSection={<IconDownload size={18} aria-hidden />}
      >
        Télécharger la notice
      </Button>
      {detail.canEdit ? (
        <Button leftSection={<IconEdit size={18} aria-hidden />} onClick={() => onOpen('edit')}>
          Corriger et renvoyer
        </Button>
      ) : null}
      {detail.canReportNewJob ? (
        <Button
          variant="default"
          leftSection={<IconBriefcase size={18} aria-hidden />}
          onClick={() => onOpen('newJob')}
        >
          Déclarer une reprise d’emploi
        </Button>
      ) : null}
      {detail.canCancel ? (
        <Button
          variant="outline"
          color="red"
          leftSection={<IconX size={18} aria-hidden />}
          onClick={() => onOpen('cancel')}
        >
          Annuler
        </Button>
      ) : null}
    </Group>
  );
}

function RadiationContent({ detail }: { detail: RadiationDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const name = memberName(detail);
  const close = () => setDialog(null);
  return (
    <Stack gap="lg">
      <Group gap="sm" wrap="wrap">
        <RadiationStatusBadge status={detail.status} />
        <Text size="sm" c="gray.8">
          {`${detail.establishment.name} — ${detail.company.name}`}
        </Text>
        <AnchorLink to={paths.member} params={{ memberId: detail.member.id }} size="sm">
          Fiche du salarié
        </AnchorLink>
      </Group>
      {detail.status === 'returned' && detail.returnReason ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconMessageReport aria-hidden />}
          title="Retournée par l’assureur"
        >
          {detail.returnReason}
        </Alert>
      ) : null}
      <Actions detail={detail} onOpen={setDialog} />
      <RadiationSummary detail={detail} />
      <CancelModal detail={detail} opened={dialog === 'cancel'} onClose={close} />
      <RadiationDialog
        opened={dialog === 'edit'}
        memberId={detail.member.id}
        memberName={name}
        existing={detail}
        onClose={close}
        onDone={() => {
          close();
          notifySuccess(`La radiation ${ofName(name)} est renvoyée à l’assureur.`);
        }}
      />
      {detail.portability.eligible ? (
        <NewJobDialog
          opened={dialog === 'newJob'}
          radiationId={detail.id}
          portabilityStart={detail.portability.start}
          memberName={name}
          onClose={close}
          onDone={close}
        />
      ) : null}
    </Stack>
  );
}

/** `/radiations/$radiationId`: a radiation of « Suivi des demandes » (issue 18). */
export function RadiationPage() {
  const { radiationId = '' } = useParams({ strict: false });
  const query = useRadiation(radiationId);
  const detail = query.data;
  const notFound = query.isError && isApiError(query.error) && query.error.status === 404;
  return (
    <Stack gap="md">
      <BackLink />
      <Page title={detail ? `Radiation ${ofName(memberName(detail))}` : 'Radiation'}>
        {query.isPending ? (
          <Stack gap="lg">
            <Text role="status" size="sm">
              Chargement de la radiation…
            </Text>
            <Skeleton height={220} radius="md" aria-hidden />
          </Stack>
        ) : null}
        {notFound ? (
          <Alert color="orange" variant="light">
            Cette radiation n’existe pas, ou elle concerne un salarié des établissements que vous ne
            suivez pas.
          </Alert>
        ) : query.isError ? (
          <LoadError error={query.error} onRetry={() => void query.refetch()} compact />
        ) : null}
        {detail ? <RadiationContent detail={detail} /> : null}
      </Page>
    </Stack>
  );
}
