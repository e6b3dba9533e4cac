import { useId, useState } from 'react';
import { Stack, Text, TextInput } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { AddEstablishmentRequestSchema } from '@affilia/shared/schemas/establishments';
import {
  errorCode,
  errorMessage,
  focusFirstInvalid,
  showFieldErrors,
} from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useAddEstablishment } from '../api/use-establishments';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

interface Values {
  siret: string;
  identifier: string;
}

const PROBLEM_TITLES: Record<string, string> = {
  establishment_not_found: 'Établissement non reconnu',
  establishment_already_followed: 'Établissement déjà suivi',
  establishment_company_has_admin: 'Accès à demander',
  too_many_attempts: 'Trop de tentatives',
};

/** « Ajouter un établissement au périmètre suivi »: SIRET and « Code identifiant ». */
export function AddEstablishmentModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const formId = useId();
  const add = useAddEstablishment();
  const [problem, setProblem] = useState<{ title?: string; message: string } | null>(null);
  const form = useAppForm<Values>({
    initialValues: { siret: '', identifier: '' },
    validate: zodResolver(AddEstablishmentRequestSchema),
  });

  const close = () => {
    form.reset();
    setProblem(null);
    add.reset();
    onClose();
  };

  const submit = form.onSubmit(
    (values) => {
      if (add.isPending) return;
      const parsed = AddEstablishmentRequestSchema.safeParse(values);
      if (!parsed.success) return;
      setProblem(null);
      add.mutate(parsed.data, {
        onSuccess: ({ establishment, roleGranted }) => {
          notifications.show({
            color: 'teal',
            title: 'Établissement ajouté',
            closeButtonProps: { 'aria-label': 'Fermer la notification' },
            message: roleGranted
              ? `${establishment.name} fait désormais partie de vos établissements suivis. Vous êtes administrateur de la société ${establishment.company.name}.`
              : `${establishment.name} (${establishment.company.name}) fait désormais partie de vos établissements suivis.`,
          });
          close();
        },
        onError: (error) => {
          if (showFieldErrors(form, formId, error)) return;
          const code = errorCode(error);
          setProblem({
            message: errorMessage(error),
            ...(code && PROBLEM_TITLES[code] ? { title: PROBLEM_TITLES[code] } : {}),
          });
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <Dialog
      opened={opened}
      onClose={close}
      size="lg"
      title="Ajouter un établissement au périmètre suivi"
    >
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Le numéro de SIRET et le code identifiant de l’établissement figurent sur les courriers
            de votre assureur. Les champs marqués d’un astérisque (*) sont obligatoires.
          </Text>
          <FormAlert message={problem?.message} title={problem?.title} />
          <TextInput
            label="Numéro de SIRET"
            description="14 chiffres, par exemple 732 829 320 00074"
            inputMode="numeric"
            autoComplete="off"
            required
            maxLength={24}
            data-autofocus
            {...form.getInputProps('siret')}
          />
          <TextInput
            label="Code identifiant"
            description="Le code identifiant de l’établissement (« ID Assureur »), tel qu’il figure sur les courriers de votre assureur"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            required
            maxLength={40}
            {...form.getInputProps('identifier')}
          />
          <FormButtons
            submitLabel="Ajouter l’établissement"
            loading={add.isPending}
            onCancel={close}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
