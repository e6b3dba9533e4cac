import { Stack, Text, Title } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { InviteUserRequestSchema } from '@affilia/shared/schemas/users';
import { zodResolver } from '../../../lib/zod-resolver';
import type { InviteUserResult, ManagedCompany } from '../api/use-users';
import { useInviteUser } from '../api/use-users';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import type { IdentityValues } from './user-identity-fields';
import { UserIdentityFields } from './user-identity-fields';
import type { RightValue } from './user-rights-editor';
import {
  UserRightsEditor,
  initialRights,
  toCompanyRights,
  validateRights,
  withoutRightsErrors,
} from './user-rights-editor';

interface InviteValues extends IdentityValues {
  rights: RightValue[];
}

function toPayload(values: InviteValues) {
  return {
    lastName: values.lastName,
    firstName: values.firstName,
    email: values.email,
    mobilePhone: values.mobilePhone,
    isThirdParty: values.isThirdParty,
    thirdPartyFirm: values.isThirdParty ? values.thirdPartyFirm : null,
    rights: toCompanyRights(values.rights),
  };
}

/**
 * « Ajouter un utilisateur à mon espace entreprise » (SPEC §4.3): the person, then their rights on
 * each company the administrator manages. The new user receives an email to create their
 * password; an address that already has an account gets the rights without a new account.
 */
export function UserInviteForm({
  companies,
  onDone,
  onCancel,
}: {
  companies: ManagedCompany[];
  onDone: (result: InviteUserResult) => void;
  onCancel: () => void;
}) {
  const invite = useInviteUser();
  const form = useAppForm<InviteValues>({
    initialValues: {
      lastName: '',
      firstName: '',
      email: '',
      mobilePhone: '',
      isThirdParty: false,
      thirdPartyFirm: '',
      rights: initialRights(companies),
    },
    validate: (values) => ({
      ...zodResolver(InviteUserRequestSchema)(toPayload(values)),
      ...validateRights(values.rights, { requireOne: true }),
    }),
  });

  const { formProps, problem } = useDialogForm({
    form,
    mutation: invite,
    toInput: (values) => {
      const parsed = InviteUserRequestSchema.safeParse(toPayload(values));
      return parsed.success ? parsed.data : null;
    },
    onDone,
  });

  return (
    <form {...formProps}>
      <Stack gap="lg">
        <Text size="sm" c="gray.8">
          La personne recevra un e-mail avec un lien valable 72 heures : pour créer son mot de
          passe, ou, si elle a déjà un compte, pour accepter cet accès. Les champs marqués d’un
          astérisque (*) sont obligatoires.
        </Text>
        <FormProblemAlert problem={problem} />
        <UserIdentityFields form={form} />
        <Stack gap="xs">
          <Title order={3} fz="md">
            Droits sur vos sociétés
          </Title>
          <Text size="sm" c="gray.8">
            Choisissez, pour chaque société, son accès : un administrateur gère aussi les
            habilitations.
          </Text>
        </Stack>
        <UserRightsEditor
          companies={companies}
          value={form.values.rights}
          onChange={(rights) => {
            form.setFieldValue('rights', rights);
            form.setErrors(withoutRightsErrors(form.errors));
          }}
          errors={form.errors}
        />
        <FormButtons
          submitLabel="Ajouter l’utilisateur"
          loading={invite.isPending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
