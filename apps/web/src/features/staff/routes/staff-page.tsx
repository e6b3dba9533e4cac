import { staffCan } from '@affilia/shared/domain/permissions';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, Group, TextInput } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { UserStatus } from '@affilia/shared/domain/enums';
import { USER_STATUSES, USER_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { useMe } from '../../../lib/use-me';
import { ofName } from '@affilia/shared/domain/person-name';
import { ListSkeleton } from '../../../components/list-skeleton';
import { wholeListLabel } from '../../../lib/list-search';
import { ListResults } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { UserModal } from '../../../components/user-modal';
import { FormLoading } from '../../../components/form-parts';
import type { StaffMember } from '../api/use-staff';
import { useStaffAction, useStaffList } from '../api/use-staff';
import { StaffConfirmModal } from '../components/staff-confirm-modal';
import { StaffList } from '../components/staff-list';
import type { StaffActionKind } from '../staff-rules';
import { staffName } from '../staff-rules';
import type { StaffSearch } from '../staff-search';
import { validateStaffSearch } from '../staff-search';

// The form (zod, the shared schemas, Mantine's form) loads when it is asked for, not with the list.
const loadStaffForm = () => import('../components/staff-form');
const StaffForm = lazy(() => loadStaffForm().then((m) => ({ default: m.StaffForm })));

type Dialog =
  | { kind: 'invite' }
  | { kind: 'edit'; member: StaffMember }
  | { kind: 'suspend' | 'deactivate'; member: StaffMember };

const ALL = 'all';
const STATUS_OPTIONS = [
  { value: ALL, label: 'Tous' },
  ...USER_STATUSES.map((status) => ({
    value: status,
    label: USER_STATUS_LABELS[status].charAt(0).toUpperCase() + USER_STATUS_LABELS[status].slice(1),
  })),
];
/** « Statut » and « Rechercher ». */
function StaffFilters({
  status,
  onStatus,
  text,
  onText,
}: {
  status: UserStatus | undefined;
  onStatus: (status: UserStatus | undefined) => void;
  text: string;
  onText: (text: string) => void;
}) {
  return (
    <Group align="flex-end" gap="md">
      <DeferredSelect
        label="Statut"
        data={STATUS_OPTIONS}
        value={status ?? ALL}
        onChange={(value) => onStatus(value && value !== ALL ? (value as UserStatus) : undefined)}
        allowDeselect={false}
        w={180}
      />
      <TextInput
        label="Rechercher"
        placeholder="Nom ou adresse e-mail"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={text}
        onChange={(event) => onText(event.currentTarget.value)}
        w={{ base: '100%', sm: 320 }}
      />
    </Group>
  );
}

const TEAM = { none: 'Aucun membre', one: 'membre', many: 'membres' };

/** The team: loading, an error, none, or the table (cards on a phone). */
function StaffResults({
  list,
  filtered,
  onAction,
}: {
  list: ReturnType<typeof useStaffList>;
  filtered: boolean;
  onAction: ((kind: StaffActionKind, member: StaffMember) => void) | null;
}) {
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  return (
    <ListResults
      id="staff-results-title"
      titleRef={resultsTitle}
      title="Membres de l’équipe"
      testId="staff-count"
      list={list}
      loading="Chargement de l’équipe…"
      count={(d) => wholeListLabel(d.items.length, TEAM, filtered)}
      skeleton={<ListSkeleton />}
      empty={
        <ListEmpty
          icon={IconUsers}
          title={
            filtered
              ? 'Aucun membre de l’équipe ne correspond à votre recherche.'
              : 'Aucun membre de l’équipe pour le moment.'
          }
        />
      }
    >
      {(members) => <StaffList members={members} onAction={onAction} />}
    </ListResults>
  );
}

/**
 * The filters in the address (validateStaffSearch): the status at once, the typed search once the
 * typing pauses.
 */
function useStaffSearch() {
  const search = validateStaffSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const [typed] = useDebouncedValue(text.trim(), 300);
  const go = (next: StaffSearch) =>
    void navigate({ to: paths.backOfficeStaff, search: next, replace: true, resetScroll: false });

  useEffect(() => {
    if (typed !== (search.q ?? '')) go({ ...search, q: typed || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  const setStatus = (status: UserStatus | undefined) => go({ ...search, status });
  return { search, text, setText, setStatus };
}

/** `/back-office/equipe`: « Équipe de l'assureur »; changes for back-office administrators. */
export function StaffPage() {
  const me = useMe();
  const canManage = me.data?.staffRole
    ? staffCan(me.data.staffRole, 'backoffice.administer')
    : false;
  const { search, text, setText, setStatus } = useStaffSearch();
  const list = useStaffList(search);
  const action = useStaffAction();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [opened, setOpened] = useState(false);
  const filtered = Boolean(search.status ?? search.q);

  const open = (next: Dialog) => {
    setDialog(next);
    setOpened(true);
  };
  const close = () => setOpened(false);

  const onAction = (kind: StaffActionKind, member: StaffMember) => {
    if (kind === 'edit' || kind === 'suspend' || kind === 'deactivate') {
      open({ kind, member });
      return;
    }
    if (action.isPending) return;
    action.mutate(
      { member, action: kind },
      {
        onSuccess: (updated) =>
          notifySuccess(
            kind === 'reactivate'
              ? `Le compte ${ofName(staffName(updated))} est réactivé.`
              : `Un nouveau lien de création de mot de passe a été envoyé à ${updated.email}.`,
          ),
        onError: (error) => notifyFailure(error),
      },
    );
  };

  const formDialog = dialog && (dialog.kind === 'invite' || dialog.kind === 'edit') ? dialog : null;
  const confirmDialog =
    dialog && (dialog.kind === 'suspend' || dialog.kind === 'deactivate') ? dialog : null;

  return (
    <Page
      title="Équipe de l’assureur"
      description={
        canManage
          ? 'Les gestionnaires et les administrateurs du back-office : ajoutez un membre, modifiez son rôle, suspendez ou désactivez son compte.'
          : 'Les gestionnaires et les administrateurs du back-office. Seuls les administrateurs du back-office modifient l’équipe.'
      }
      actions={
        canManage ? (
          <Button
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={() => open({ kind: 'invite' })}
            onMouseEnter={() => void loadStaffForm()}
            onFocus={() => void loadStaffForm()}
          >
            Ajouter un membre de l’équipe
          </Button>
        ) : undefined
      }
    >
      <StaffFilters status={search.status} onStatus={setStatus} text={text} onText={setText} />
      <StaffResults list={list} filtered={filtered} onAction={canManage ? onAction : null} />

      <UserModal
        opened={opened && formDialog !== null}
        onClose={close}
        title={
          formDialog?.kind === 'edit'
            ? `Modifier le compte ${ofName(staffName(formDialog.member))}`
            : 'Ajouter un membre de l’équipe'
        }
      >
        {formDialog ? (
          <Suspense fallback={<FormLoading />}>
            <StaffForm
              key={formDialog.kind === 'edit' ? formDialog.member.id : 'invite'}
              member={formDialog.kind === 'edit' ? formDialog.member : undefined}
              onCancel={close}
              onDone={(member) => {
                close();
                notifySuccess(
                  formDialog.kind === 'edit'
                    ? `Le compte ${ofName(staffName(member))} est enregistré.`
                    : `Un e-mail a été envoyé à ${member.email} pour créer son mot de passe.`,
                );
              }}
            />
          </Suspense>
        ) : null}
      </UserModal>
      <StaffConfirmModal
        opened={opened && confirmDialog !== null}
        action={confirmDialog?.kind ?? 'suspend'}
        member={confirmDialog?.member ?? null}
        onClose={close}
        onDone={(member) => {
          close();
          notifySuccess(
            confirmDialog?.kind === 'deactivate'
              ? `Le compte ${ofName(staffName(member))} est désactivé définitivement.`
              : `Le compte ${ofName(staffName(member))} est suspendu.`,
          );
        }}
      />
    </Page>
  );
}
