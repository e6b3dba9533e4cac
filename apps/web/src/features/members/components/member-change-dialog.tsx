import { Suspense, lazy } from 'react';
import { MEMBER_CHANGE_KIND_LABELS } from '@affilia/shared/domain/member-change';
import { FormLoading } from '../../../components/form-parts';
import { UserModal } from '../../../components/user-modal';
import type { MemberChangeView } from '../api/use-member-changes';
import type { MemberDetail } from '../api/use-members';

// The form carries zod, the shared schema and the Select: loaded when the dialog opens.
const MemberChangeForm = lazy(() =>
  import('./member-change-form').then((m) => ({ default: m.MemberChangeForm })),
);

/**
 * « Déclarer un changement » for a member (issue 20): a dialog on a computer, full screen on a
 * phone, the form loaded when it opens.
 */
export function MemberChangeDialog({
  opened,
  member,
  returned,
  onDone,
  onClose,
}: {
  opened: boolean;
  member: MemberDetail;
  /** « Corriger et renvoyer »: the change the insurer returned. */
  returned?: MemberChangeView | undefined;
  onDone: (change: MemberChangeView) => void;
  onClose: () => void;
}) {
  return (
    <UserModal
      opened={opened}
      onClose={onClose}
      title={
        returned
          ? `Corriger et renvoyer : ${MEMBER_CHANGE_KIND_LABELS[returned.kind].toLowerCase()}`
          : `Déclarer un changement pour ${member.firstName} ${member.lastName}`
      }
      size="lg"
    >
      {opened ? (
        <Suspense fallback={<FormLoading />}>
          <MemberChangeForm
            member={member}
            returned={returned}
            onDone={onDone}
            onCancel={onClose}
          />
        </Suspense>
      ) : null}
    </UserModal>
  );
}
