import { useId, useRef, useState } from 'react';
import { Radio, Stack } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import type { StaffRole } from '@affilia/shared/domain/enums';
import { STAFF_ROLES, STAFF_ROLE_LABELS } from '@affilia/shared/domain/enums';
import { staffRequestSchemas } from '@affilia/shared/schemas/staff-requests';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { afterPhoneCheck, FormMobilePhoneSchema, loadPhoneCheck } from '../../../lib/mobile-phone';
import { zodResolver } from '../../../lib/zod-resolver';
import type { FormProblem } from '../../../components/form-parts';
import {
  FormButtons,
  FormProblemAlert,
  nextProblem,
  useFocusFirstField,
} from '../../../components/form-parts';
import type { PersonValues } from '../../../components/person-fields';
import { PersonContactFields, PersonNameFields } from '../../../components/person-fields';
import type { StaffMember } from '../api/use-staff';
import { useInviteStaff, useUpdateStaff } from '../api/use-staff';

interface StaffValues extends PersonValues {
  role: StaffRole;
}

// The mobile's check loads when the form is filled (lib/mobile-phone.ts), not with the page.
const { InviteStaffRequestSchema, UpdateStaffRequestSchema } =
  staffRequestSchemas(FormMobilePhoneSchema);

const ROLE_HELP: Record<StaffRole, string> = {
  manager: 'Traite les affiliations, les messages, les documents et le référentiel.',
  admin: 'Gestionnaire qui gère aussi l’équipe, l’identité visuelle, les CGU et l’audit.',
};

/**
 * « Ajouter un membre de l'équipe » (no `member`) or « Modifier » (a `member`): names and role;
 * the address and the mobile only while the account is « invité » (afterwards they are the
 * person's sign-in and second factor). The errors show next to their fields.
 */
export function StaffForm({
  member,
  onDone,
  onCancel,
}: {
  member?: StaffMember;
  onDone: (member: StaffMember) => void;
  onCancel: () => void;
}) {
  const invite = useInviteStaff();
  const update = useUpdateStaff();
  const pending = invite.isPending || update.isPending;
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<FormProblem>();
  useFocusFirstField(formRef);
  const contactEditable = !member || member.status === 'invited';
  const schema = member ? UpdateStaffRequestSchema : InviteStaffRequestSchema;

  const toPayload = (values: StaffValues) => ({
    lastName: values.lastName,
    firstName: values.firstName,
    role: values.role,
    ...(contactEditable ? { email: values.email, mobilePhone: values.mobilePhone } : {}),
  });

  const form = useAppForm<StaffValues>({
    initialValues: {
      lastName: member?.lastName ?? '',
      firstName: member?.firstName ?? '',
      email: member?.email ?? '',
      mobilePhone: member?.mobilePhone ?? '',
      role: member?.role ?? 'manager',
    },
    validate: (values) => zodResolver(schema)(toPayload(values)),
  });

  const onError = (error: unknown) => {
    form.setErrors(fieldErrors(error));
    setProblem((p) => nextProblem(p, errorMessage(error)));
    focusFirstInvalid(formId);
  };

  const submit = afterPhoneCheck(
    form.onSubmit(
      (values) => {
        if (pending) return;
        setProblem(undefined);
        if (member) {
          const parsed = UpdateStaffRequestSchema.safeParse(toPayload(values));
          if (!parsed.success) return;
          update.mutate({ id: member.id, values: parsed.data }, { onSuccess: onDone, onError });
        } else {
          const parsed = InviteStaffRequestSchema.safeParse(toPayload(values));
          if (!parsed.success) return;
          invite.mutate(parsed.data, { onSuccess: onDone, onError });
        }
      },
      () => focusFirstInvalid(formId),
    ),
  );

  return (
    <form
      id={formId}
      ref={formRef}
      onSubmit={submit}
      onFocus={() => void loadPhoneCheck()}
      noValidate
    >
      <Stack gap="lg">
        <FormProblemAlert problem={problem} />
        <PersonNameFields form={form} />
        <PersonContactFields
          form={form}
          locked={!contactEditable}
          lockedNote="L’adresse e-mail et le téléphone mobile servent à la connexion : seule la personne peut les modifier, depuis son profil."
          emailDescription="Le lien de création du mot de passe y sera envoyé"
          phoneDescription="Pour le code de connexion par SMS ; sinon demandé à la première connexion"
          phoneRequired={false}
        />
        <Radio.Group label="Rôle" required {...form.getInputProps('role')}>
          <Stack gap="sm" mt="xs">
            {STAFF_ROLES.map((role) => (
              <Radio
                key={role}
                value={role}
                label={STAFF_ROLE_LABELS[role]}
                description={ROLE_HELP[role]}
              />
            ))}
          </Stack>
        </Radio.Group>
        <FormButtons
          submitLabel={member ? 'Enregistrer' : 'Ajouter et envoyer le lien'}
          loading={pending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
