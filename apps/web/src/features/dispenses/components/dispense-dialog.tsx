import { Anchor, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconUserPlus } from '@tabler/icons-react';
import {
  DISPENSE_CASE_SHORT_LABELS,
  DISPENSE_FILE_KIND_LABELS,
  DISPENSE_ORIGIN_LABELS,
  DISPENSE_STATUS_LABELS,
  OTHER_PLAN_TYPE_LABELS,
  dispenseCase,
} from '@affilia/shared/domain/dispense';
import { ofName } from '@affilia/shared/domain/person-name';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { ButtonLink } from '../../../components/links';
import { LoadError } from '../../../components/load-error';
import { UserModal } from '../../../components/user-modal';
import { paths } from '../../../config/paths';
import { dispenseFileUrl } from '../../../lib/dispenses-api';
import { formatIsoDate } from '../../../lib/member-format';
import { formatFileSize } from '../../../lib/file-size';
import type { DispenseDetail, DispenseRow } from '../api/use-dispenses';
import { useDispense } from '../api/use-dispenses';
import { DispenseStateBadge } from './dispense-state-badge';

function DispenseFacts({ detail }: { detail: DispenseDetail }) {
  const rule = dispenseCase(detail.caseCode);
  return (
    <DetailFields>
      <DetailField label="Établissement">{detail.establishment.name}</DetailField>
      <DetailField label="Cas de dispense">{rule.label}</DetailField>
      <DetailField label="Fondement">{rule.legalSource}</DetailField>
      {detail.otherPlanType ? (
        <DetailField label="Autre régime">
          {OTHER_PLAN_TYPE_LABELS[detail.otherPlanType]}
        </DetailField>
      ) : null}
      <DetailField label="Date d’effet">{formatIsoDate(detail.effectiveDate)}</DetailField>
      <DetailField label="Fin de la justification">
        {detail.endDate ? formatIsoDate(detail.endDate) : 'Aucune'}
      </DetailField>
      <DetailField label="Renouvellement dû le">
        {detail.renewalDueDate ? formatIsoDate(detail.renewalDueDate) : 'Sans objet'}
      </DetailField>
      <DetailField label="Origine">
        {`${DISPENSE_ORIGIN_LABELS[detail.origin]}, signée le ${formatIsoDate(detail.signedOn)}`}
      </DetailField>
      {detail.refusalReason ? (
        <DetailField label="Motif du refus">{detail.refusalReason}</DetailField>
      ) : null}
    </DetailFields>
  );
}

function DispenseBody({ detail }: { detail: DispenseDetail }) {
  return (
    <Stack gap="md">
      <Group gap="sm">
        <DispenseStateBadge state={detail.state} />
        <Text size="sm" c="gray.8">
          {DISPENSE_CASE_SHORT_LABELS[detail.caseCode]}
        </Text>
      </Group>
      {detail.state === 'expired' ? (
        <ButtonLink
          to={paths.preAffiliation}
          search={{ dispense: detail.id }}
          leftSection={<IconUserPlus size={18} aria-hidden />}
        >
          Affilier {detail.firstName} {detail.lastName}
        </ButtonLink>
      ) : null}
      <DispenseFacts detail={detail} />
      <Title order={3} fz="md">
        Pièces
      </Title>
      <List spacing="xs" listStyleType="none" p={0}>
        {detail.files.map((file) => (
          <List.Item key={file.id}>
            <Anchor href={dispenseFileUrl(detail.id, file.id)} download size="sm">
              <IconDownload size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} />{' '}
              {DISPENSE_FILE_KIND_LABELS[file.kind]} : {file.originalName} (
              {formatFileSize(file.size)})
            </Anchor>
          </List.Item>
        ))}
      </List>
      <Title order={3} fz="md">
        Déclaration sur l’honneur
      </Title>
      <Text size="sm">{detail.swornStatement}</Text>
      {detail.history.length > 1 ? (
        <>
          <Title order={3} fz="md">
            Historique
          </Title>
          <List spacing={4} size="sm">
            {detail.history.map((h) => (
              <List.Item key={h.id}>
                {`${h.isRenewal ? 'Renouvellement' : 'Demande'} du ${formatIsoDate(h.createdAt)} : ${DISPENSE_STATUS_LABELS[h.status]}`}
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
}

/** A dispense of the register, its files and its history, in a dialog. */
export function DispenseDialog({ row, onClose }: { row: DispenseRow | null; onClose: () => void }) {
  const detail = useDispense(row?.id ?? null);
  const name = row ? `${row.firstName} ${row.lastName}` : '';
  let content;
  if (detail.isPending)
    content = (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Chargement de la dispense…</Text>
      </Group>
    );
  else if (detail.isError)
    content = <LoadError error={detail.error} onRetry={() => void detail.refetch()} compact />;
  else content = <DispenseBody detail={detail.data} />;
  return (
    <UserModal opened={row !== null} onClose={onClose} title={`Dispense ${ofName(name)}`}>
      {row ? content : null}
    </UserModal>
  );
}
