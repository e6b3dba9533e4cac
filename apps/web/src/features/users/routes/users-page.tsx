import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { IconLock, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { canOnAnyCompany } from '@affilia/shared/domain/permissions';
import { Page } from '../../../components/page';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { paths } from '../../../config/paths';
import { useMe } from '../../../lib/use-me';
import type { InviteUserResult, ManagedCompany, ManagedUser, UserAction } from '../api/use-users';
import { useUserAction, useUsers } from '../api/use-users';
import type { UserActionKind } from '../components/user-actions-menu';
import { ACTION_LABELS, fullName, ofName } from '../components/user-actions-menu';
import { UserConfirmModal } from '../components/user-confirm-modal';
import { UserFilters, hasFilters } from '../components/user-filters';
import { ListSkeleton } from '../../../components/list-skeleton';
import { wholeListLabel } from '../../../lib/list-search';
import { ListResults, listQuery } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { UserList } from '../components/user-list';
import { UserModal } from '../../../components/user-modal';
import type { UsersSearch } from '../users-search';
import { validateUsersSearch } from '../users-search';

/*
 * The forms carry the shared users schemas, which bring the password policy and its dictionaries
 * with them: they are loaded apart, as soon as the list is on screen.
 */
const loadInviteForm = () => import('../components/user-invite-form');
const loadProfileForm = () => import('../components/user-profile-form');
const loadRightsForm = () => import('../components/user-rights-form');
const UserInviteForm = lazy(() => loadInviteForm().then((m) => ({ default: m.UserInviteForm })));
const UserProfileForm = lazy(() => loadProfileForm().then((m) => ({ default: m.UserProfileForm })));
const UserRightsForm = lazy(() => loadRightsForm().then((m) => ({ default: m.UserRightsForm })));

type Dialog =
  | { kind: 'invite' }
  | { kind: 'profile' | 'rights'; user: ManagedUser }
  | { kind: 'suspend' | 'deactivate'; user: ManagedUser };

/** « Ajouter un utilisateur… », « Modifier le profil de Thomas Lefèvre »… */
function dialogTitle(dialog: Dialog | null): string {
  if (!dialog) return '';
  if (dialog.kind === 'invite') return 'Ajouter un utilisateur à mon espace entreprise';
  const name = fullName(dialog.user);
  return `${ACTION_LABELS[dialog.kind]} ${ofName(name)}`;
}

function FormLoading() {
  return (
    <Stack align="center" gap="sm" py="xl" role="status">
      <Loader aria-hidden />
      <Text size="sm">Chargement du formulaire…</Text>
    </Stack>
  );
}

/** What the administrator reads once a one-click action is done. */
const ACTION_DONE: Record<
  'invitation' | 'reactivate' | 'suspend' | 'deactivate',
  (user: ManagedUser) => string
> = {
  invitation: (user) => `L’invitation a été renvoyée à ${user.email}.`,
  reactivate: (user) => `L’accès ${ofName(fullName(user))} est réactivé.`,
  suspend: (user) => `L’accès ${ofName(fullName(user))} est désactivé provisoirement.`,
  deactivate: (user) => `L’accès ${ofName(fullName(user))} est désactivé définitivement.`,
};

const USERS = { none: 'Aucun utilisateur', one: 'utilisateur', many: 'utilisateurs' };

/** `/habilitations`: « Gestion des habilitations » (SPEC §4.3), administrators only. */
/**
 * `/habilitations` for someone who is no administrator (issue 14 #25): said plainly rather than
 * sent home without a word.
 */
function UsersForbidden() {
  return (
    <Page title="Gestion des habilitations">
      <Alert
        color="orange"
        variant="light"
        role="alert"
        title="Accès réservé aux administrateurs"
        icon={<IconLock aria-hidden />}
        maw={720}
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            La gestion des habilitations est réservée aux administrateurs de l’Espace Entreprise.
            Votre rôle est « Utilisateur » : vous ne pouvez pas ajouter d’utilisateurs ni modifier
            leurs droits.
          </Text>
          <Text size="sm">
            Pour obtenir le rôle « Administrateur », demandez-le à un administrateur de votre
            société.
          </Text>
          <Button component={Link} to={paths.home} size="sm" variant="default">
            Retour à l’accueil
          </Button>
        </Stack>
      </Alert>
    </Page>
  );
}

/** `/habilitations`: « Gestion des habilitations » for administrators, a clear notice otherwise. */
export function UsersPage() {
  const me = useMe();
  if (!me.data) return null;
  if (!canOnAnyCompany(me.data.companies, 'users.manage')) return <UsersForbidden />;
  return <UsersManagement />;
}

/** The users: loading, an error, none, or the table (cards on a phone). */
function UsersResults({
  list,
  filtered,
  onAction,
  onClear,
}: {
  list: ReturnType<typeof useUsers>;
  filtered: boolean;
  onAction: (kind: UserActionKind, user: ManagedUser) => void;
  onClear: () => void;
}) {
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  return (
    <ListResults
      id="users-results-title"
      titleRef={resultsTitle}
      title="Utilisateurs"
      testId="users-count"
      list={listQuery(list, (data) => data.users)}
      loading="Chargement des utilisateurs…"
      count={(d) => wholeListLabel(d.items.length, USERS, filtered)}
      skeleton={<ListSkeleton />}
      empty={
        filtered ? (
          <ListEmpty
            icon={IconUsers}
            title="Aucun utilisateur ne correspond à votre recherche."
            onReset={onClear}
          />
        ) : (
          <ListEmpty icon={IconUsers} title="Aucun utilisateur pour le moment." />
        )
      }
    >
      {(users) => <UserList users={users} onAction={onAction} />}
    </ListResults>
  );
}

/** The form of the dialog: invite, a user's profile, or their rights (each loaded on demand). */
function UserForms({
  dialog,
  companies,
  onClose,
  onInvited,
}: {
  dialog: Extract<Dialog, { kind: 'invite' | 'profile' | 'rights' }> | null;
  companies: ManagedCompany[];
  onClose: () => void;
  onInvited: (result: InviteUserResult) => void;
}) {
  return (
    <Suspense fallback={<FormLoading />}>
      {dialog?.kind === 'invite' ? (
        <UserInviteForm companies={companies} onDone={onInvited} onCancel={onClose} />
      ) : null}
      {dialog?.kind === 'profile' ? (
        <UserProfileForm
          key={dialog.user.id}
          user={dialog.user}
          onCancel={onClose}
          onDone={(user) => {
            onClose();
            notifySuccess(`Le profil ${ofName(fullName(user))} est enregistré.`);
          }}
        />
      ) : null}
      {dialog?.kind === 'rights' ? (
        <UserRightsForm
          key={dialog.user.id}
          user={dialog.user}
          companies={companies}
          onCancel={onClose}
          onDone={(user) => {
            onClose();
            notifySuccess(`Les droits ${ofName(fullName(user))} sont enregistrés.`);
          }}
        />
      ) : null}
    </Suspense>
  );
}

function UsersManagement() {
  const search = validateUsersSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  const list = useUsers(search);
  const action = useUserAction();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [opened, setOpened] = useState(false);

  // The forms' code arrives while the administrator reads the list.
  const listReady = list.isSuccess;
  useEffect(() => {
    if (!listReady) return;
    void loadInviteForm();
    void loadProfileForm();
    void loadRightsForm();
  }, [listReady]);

  const setSearch = (next: UsersSearch) =>
    void navigate({ to: paths.users, search: next, replace: true });

  const open = (next: Dialog) => {
    setDialog(next);
    setOpened(true);
  };
  const close = () => setOpened(false);

  const onAction = (kind: UserActionKind, user: ManagedUser) => {
    if (kind === 'profile' || kind === 'rights' || kind === 'suspend' || kind === 'deactivate') {
      open({ kind, user });
      return;
    }
    if (action.isPending) return;
    const oneClick: UserAction = kind;
    action.mutate(
      { user, action: oneClick },
      {
        onSuccess: (updated) => notifySuccess(ACTION_DONE[oneClick](updated)),
        onError: (error) => notifyFailure(error),
      },
    );
  };

  const onInvited = (result: InviteUserResult) => {
    close();
    // The same words whether the address is new or already has an account (issue 14 #4).
    notifySuccess(`Invitation envoyée à ${result.user.email}.`);
  };

  const companies = list.data?.companies ?? [];
  const filtered = hasFilters(search);

  const formDialog =
    dialog && (dialog.kind === 'invite' || dialog.kind === 'profile' || dialog.kind === 'rights')
      ? dialog
      : null;
  const confirmDialog =
    dialog && (dialog.kind === 'suspend' || dialog.kind === 'deactivate') ? dialog : null;

  return (
    <Page
      title="Gestion des habilitations"
      description="Gérez les accès à l’espace entreprise de votre ou vos sociétés, pour d’autres utilisateurs ou des tiers déclarants (cabinet comptable…)."
      actions={
        <Button
          leftSection={<IconUserPlus size={18} aria-hidden />}
          onClick={() => open({ kind: 'invite' })}
          disabled={!list.data}
          onMouseEnter={() => void loadInviteForm()}
          onFocus={() => void loadInviteForm()}
          h="auto"
          mih={36}
          py={8}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
        >
          Ajouter un utilisateur à mon espace entreprise
        </Button>
      }
    >
      {list.data ? (
        <UserFilters companies={companies} search={search} onChange={setSearch} />
      ) : null}
      <UsersResults
        list={list}
        filtered={filtered}
        onAction={onAction}
        onClear={() => setSearch({})}
      />

      <UserModal
        opened={opened && formDialog !== null}
        onClose={close}
        title={dialogTitle(formDialog)}
      >
        <UserForms
          dialog={formDialog}
          companies={companies}
          onClose={close}
          onInvited={onInvited}
        />
      </UserModal>

      <UserConfirmModal
        opened={opened && confirmDialog !== null}
        action={confirmDialog?.kind ?? 'suspend'}
        user={confirmDialog?.user ?? null}
        onClose={close}
        onDone={(user) => {
          close();
          notifySuccess(ACTION_DONE[confirmDialog?.kind ?? 'suspend'](user));
        }}
      />
    </Page>
  );
}
