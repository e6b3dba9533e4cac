import { Alert, Stack, Text } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { UpdateRightsRequestSchema } from '@affilia/shared/schemas/users';
import { zodResolver } from '../../../lib/zod-resolver';
import type { ManagedCompany, ManagedUser } from '../api/use-users';
import { useUpdateRights } from '../api/use-users';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { fullName, ofName } from './user-actions-menu';
import type { RightValue } from './user-rights-editor';
import {
  UserRightsEditor,
  initialRights,
  toCompanyRights,
  validateRights,
  withoutRightsErrors,
} from './user-rights-editor';

const LAST_ACCESS =
  'Donnez un accès à au moins une société. Pour retirer tous ses accès, désactivez l’utilisateur.';

function noAccess(rights: RightValue[]): boolean {
  return rights.every((right) => right.level === 'none');
}

/**
 * « Modifier les droits »: the same editor as « Ajouter un utilisateur », on the companies the
 * administrator manages (the user's roles elsewhere are neither shown nor changed).
 */
export function UserRightsForm({
  user,
  companies,
  onDone,
  onCancel,
}: {
  user: ManagedUser;
  companies: ManagedCompany[];
  onDone: (user: ManagedUser) => void;
  onCancel: () => void;
}) {
  const update = useUpdateRights();
  const form = useAppForm<{ rights: RightValue[] }>({
    initialValues: { rights: initialRights(companies, user) },
    validate: (values) => ({
      ...validateRights(values.rights, { requireOne: false }),
      ...zodResolver(UpdateRightsRequestSchema)({ rights: toCompanyRights(values.rights) }),
      // The API keeps one access at least: removing them all is a deactivation.
      ...(noAccess(values.rights) && !user.hasOtherCompanies ? { rights: LAST_ACCESS } : {}),
    }),
  });
  const leavesList = noAccess(form.values.rights) && user.hasOtherCompanies;

  const { formProps, problem } = useDialogForm({
    form,
    mutation: update,
    toInput: (values) => {
      const parsed = UpdateRightsRequestSchema.safeParse({
        rights: toCompanyRights(values.rights),
      });
      return parsed.success ? { userId: user.id, values: parsed.data } : null;
    },
    onDone,
  });

  return (
    <form {...formProps}>
      <Stack gap="lg">
        <Text size="sm" c="gray.8">
          Choisissez l’accès {ofName(fullName(user))} à chacune de vos sociétés.
        </Text>
        <FormProblemAlert problem={problem} />
        <UserRightsEditor
          companies={companies}
          value={form.values.rights}
          onChange={(rights) => {
            form.setFieldValue('rights', rights);
            form.setErrors(withoutRightsErrors(form.errors));
          }}
          errors={form.errors}
        />
        {leavesList ? (
          <Alert color="orange" variant="light" role="status">
            {user.firstName} {user.lastName} n’aura plus accès à aucune de vos sociétés et
            disparaîtra de cette liste.
          </Alert>
        ) : null}
        <FormButtons
          submitLabel="Enregistrer les droits"
          loading={update.isPending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
