import { useState } from 'react';
import { Alert, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import {
  MEMBER_CHANGE_KIND_LABELS,
  memberChangePending,
} from '@affilia/shared/domain/member-change';
import { CancelConfirmModal } from '../../../components/cancel-confirm-modal';
import { LoadError } from '../../../components/load-error';
import { MemberChangeStatusBadge } from '../../../components/member-change-status-badge';
import { memberChangeSummary, type ChangeNames } from '../../../components/member-change-summary';
import { SectionCard } from '../../../components/section-card';
import { formatIsoDate } from '../../../lib/member-format';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import type { MemberChangeView } from '../api/use-member-changes';
import { useCancelMemberChange, useMemberChanges } from '../api/use-member-changes';
import type { MemberDetail } from '../api/use-members';
import { useMemberFilterOptions } from '../api/use-members';
import { MemberChangeDialog } from './member-change-dialog';

/** « Annuler » asks for a confirmation: the change leaves the insurer's queue. */
function CancelModal({
  change,
  memberId,
  onClose,
}: {
  change: MemberChangeView | null;
  memberId: string;
  onClose: () => void;
}) {
  const cancel = useCancelMemberChange(memberId);
  const label = change ? MEMBER_CHANGE_KIND_LABELS[change.kind] : '';
  return (
    <CancelConfirmModal
      opened={change !== null}
      title="Annuler le changement"
      message={`« ${label} » passera au statut « Annulée » : l’assureur ne l’appliquera pas.`}
      pending={cancel.isPending}
      onClose={onClose}
      onConfirm={() =>
        change &&
        cancel.mutate(change.id, {
          onSuccess: () => {
            onClose();
            notifySuccess(`« ${label} » est annulé.`);
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

function ChangeItem({
  change,
  names,
  onCancel,
  onCorrect,
}: {
  change: MemberChangeView;
  names: ChangeNames;
  onCancel: (() => void) | undefined;
  /** A returned change: « Corriger et renvoyer ». */
  onCorrect: (() => void) | undefined;
}) {
  const label = MEMBER_CHANGE_KIND_LABELS[change.kind];
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group justify="space-between" align="flex-start" gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <MemberChangeStatusBadge status={change.status} />
      </Group>
      <Text size="sm">{memberChangeSummary(change, names)}</Text>
      <Text size="xs" c="gray.8" mt={2}>
        Déclaré le {formatIsoDate(change.createdAt)}
        {change.declaredBy === 'employee' ? ' par le salarié' : ''}
      </Text>
      {change.status === 'returned' && change.returnReason ? (
        <Alert color="grape" variant="light" title="Motif du retour" mt="xs" p="xs">
          {change.returnReason}
        </Alert>
      ) : null}
      {onCancel || onCorrect ? (
        <Group justify="flex-end" mt="xs" gap="xs">
          {onCorrect ? (
            <Button
              size="xs"
              onClick={onCorrect}
              aria-label={`Corriger et renvoyer « ${label} » du ${formatIsoDate(change.createdAt)}`}
            >
              Corriger et renvoyer
            </Button>
          ) : null}
          {onCancel ? (
            <Button
              size="xs"
              variant="default"
              onClick={onCancel}
              aria-label={`Annuler « ${label} » du ${formatIsoDate(change.createdAt)}`}
            >
              Annuler
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

/**
 * « Changements déclarés » (issue 20): the member's changes, latest first, what each says, its
 * status and the insurer's return; « Annuler » while it waits and « Corriger et renvoyer » once
 * returned, for a user who may declare them.
 */
export function MemberChanges({ member, canManage }: { member: MemberDetail; canManage: boolean }) {
  const query = useMemberChanges(member.id);
  const filters = useMemberFilterOptions();
  const [cancelling, setCancelling] = useState<MemberChangeView | null>(null);
  const [correcting, setCorrecting] = useState<MemberChangeView | null>(null);
  const names: ChangeNames = {
    establishment: (id) => filters.data?.establishments.find((e) => e.id === id)?.name,
    option: (code) => member.coverages.find((c) => c.optionCode === code)?.optionLabel,
  };
  const items = query.data?.items;
  return (
    <SectionCard title="Changements déclarés">
      {query.isPending ? (
        <Stack gap="xs">
          <Text role="status" size="sm">
            Chargement des changements…
          </Text>
          <Skeleton h={60} radius="md" aria-hidden />
        </Stack>
      ) : null}
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} compact />
      ) : null}
      {items?.length === 0 ? (
        <Text size="sm" c="gray.8">
          Aucun changement déclaré pour ce salarié.
        </Text>
      ) : null}
      {items?.length ? (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((change) => (
            <ChangeItem
              key={change.id}
              change={change}
              names={names}
              onCancel={
                canManage && memberChangePending(change.status)
                  ? () => setCancelling(change)
                  : undefined
              }
              onCorrect={
                canManage && change.status === 'returned' ? () => setCorrecting(change) : undefined
              }
            />
          ))}
        </Stack>
      ) : null}
      <CancelModal change={cancelling} memberId={member.id} onClose={() => setCancelling(null)} />
      <MemberChangeDialog
        opened={correcting !== null}
        member={member}
        returned={correcting ?? undefined}
        onClose={() => setCorrecting(null)}
        onDone={(change) => {
          setCorrecting(null);
          notifySuccess(`« ${MEMBER_CHANGE_KIND_LABELS[change.kind]} » est renvoyé à l’assureur.`);
        }}
      />
    </SectionCard>
  );
}
