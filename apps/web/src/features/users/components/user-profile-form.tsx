import { Stack } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { UpdateUserRequestSchema } from '@affilia/shared/schemas/users';
import { zodResolver } from '../../../lib/zod-resolver';
import type { ManagedUser } from '../api/use-users';
import { useUpdateUser } from '../api/use-users';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import type { IdentityValues } from './user-identity-fields';
import { UserIdentityFields } from './user-identity-fields';

/**
 * « Modifier le profil »: names and the third-party flag. The address and the mobile can change
 * only while the user has not created their password (« invité »); afterwards they are their
 * sign-in and second factor, which only they change.
 */
export function UserProfileForm({
  user,
  onDone,
  onCancel,
}: {
  user: ManagedUser;
  onDone: (user: ManagedUser) => void;
  onCancel: () => void;
}) {
  const update = useUpdateUser();
  const contactEditable = user.status === 'invited';

  const toPayload = (values: IdentityValues) => ({
    lastName: values.lastName,
    firstName: values.firstName,
    ...(contactEditable ? { email: values.email, mobilePhone: values.mobilePhone } : {}),
    isThirdParty: values.isThirdParty,
    thirdPartyFirm: values.isThirdParty ? values.thirdPartyFirm : null,
  });

  const form = useAppForm<IdentityValues>({
    initialValues: {
      lastName: user.lastName,
      firstName: user.firstName,
      email: user.email,
      mobilePhone: user.mobilePhone ?? '',
      isThirdParty: user.isThirdParty,
      thirdPartyFirm: user.thirdPartyFirm ?? '',
    },
    validate: (values) => zodResolver(UpdateUserRequestSchema)(toPayload(values)),
  });

  const { formProps, problem } = useDialogForm({
    form,
    mutation: update,
    toInput: (values) => {
      const parsed = UpdateUserRequestSchema.safeParse(toPayload(values));
      return parsed.success ? { userId: user.id, values: parsed.data } : null;
    },
    onDone,
  });

  return (
    <form {...formProps}>
      <Stack gap="lg">
        <FormProblemAlert problem={problem} />
        <UserIdentityFields form={form} contactLocked={!contactEditable} />
        <FormButtons submitLabel="Enregistrer" loading={update.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
