import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconLinkOff, IconSend } from '@tabler/icons-react';
import { MEMBER_LINK_STATE_LABELS } from '@affilia/shared/domain/member-link';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { SectionCard } from '../../../components/section-card';
import { StatusBadge } from '../../../components/status-badge';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { LazyDialog } from '../../../components/lazy-dialog';
import { formatIsoDate } from '../../../lib/member-format';
import { useRevokeMemberLink, type MemberLinkView } from '../api/use-member-link';
import type { MemberDetail } from '../api/use-members';

// « Envoyer un lien au salarié » (its form and zod) loads when asked for, or as the pointer or
// the focus reaches the button.
export const loadLinkDialog = () => import('./member-link-dialog').then((m) => m.MemberLinkDialog);

/** « Envoyer un lien au salarié »'s dialog, loaded when it opens; the outcome notified. */
export function SendMemberLinkDialog({
  opened,
  member,
  resend,
  onClose,
}: {
  opened: boolean;
  member: MemberDetail;
  resend: boolean;
  onClose: () => void;
}) {
  return (
    <LazyDialog opened={opened} load={loadLinkDialog}>
      {(MemberLinkDialog, shown) => (
        <MemberLinkDialog
          opened={shown}
          member={member}
          resend={resend}
          onClose={onClose}
          onDone={(sent) => {
            onClose();
            notifySuccess(
              `Le lien est envoyé à ${sent.email} : il est valable jusqu’au ${formatIsoDate(sent.expiresAt)}.`,
            );
          }}
        />
      )}
    </LazyDialog>
  );
}

const STATE_COLORS: Record<MemberLinkView['state'], string> = {
  active: 'teal',
  expired: 'gray',
  revoked: 'gray',
};

/**
 * « Lien envoyé au salarié » (issue 20): the latest link to declare their beneficiaries — to
 * whom, when, until when, its last use — with « Renvoyer un lien » and « Révoquer le lien ».
 */
export function MemberLinkCard({
  memberId,
  link,
  onResend,
}: {
  memberId: string;
  link: MemberLinkView;
  onResend: () => void;
}) {
  const revoke = useRevokeMemberLink(memberId);
  return (
    <SectionCard title="Lien envoyé au salarié">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text size="sm" c="gray.8">
            Pour déclarer lui-même ses bénéficiaires.
          </Text>
          <StatusBadge color={STATE_COLORS[link.state]}>
            {MEMBER_LINK_STATE_LABELS[link.state]}
          </StatusBadge>
        </Group>
        <DetailFields>
          <DetailField label="Envoyé à">{link.email}</DetailField>
          <DetailField label="Envoyé le">{formatDateTime(link.sentAt)}</DetailField>
          {link.state === 'revoked' && link.revokedAt ? (
            <DetailField label="Révoqué le">{formatDateTime(link.revokedAt)}</DetailField>
          ) : (
            <DetailField label={link.state === 'expired' ? 'Expiré le' : 'Valable jusqu’au'}>
              {formatDateTime(link.expiresAt)}
            </DetailField>
          )}
          {link.lastUsedAt ? (
            <DetailField label="Dernière déclaration">
              {formatDateTime(link.lastUsedAt)}
            </DetailField>
          ) : null}
        </DetailFields>
        {revoke.isError ? (
          <Alert color="red" variant="light">
            {errorMessage(revoke.error)}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconSend size={18} aria-hidden />}
            onClick={onResend}
          >
            Renvoyer un lien
          </Button>
          {link.state === 'active' ? (
            <Button
              variant="outline"
              color="red"
              leftSection={<IconLinkOff size={18} aria-hidden />}
              loading={revoke.isPending}
              onClick={() =>
                revoke.mutate(undefined, {
                  onSuccess: () => notifySuccess('Le lien est révoqué : il ne fonctionne plus.'),
                })
              }
            >
              Révoquer le lien
            </Button>
          ) : null}
        </Group>
      </Stack>
    </SectionCard>
  );
}
