import { useId, useState } from 'react';
import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import type { Me } from '@affilia/shared/schemas/auth';
import { UpdateProfileRequestSchema } from '@affilia/shared/schemas/profile-names';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { useUpdateProfile } from '../api/use-profile';
import { notifySuccess, ProfileCard } from './profile-card';
import { FormAlert } from '../../../components/form-parts';

/** « Nom » and « Prénom », changed without re-authentication. */
export function ProfileNamesCard({ me }: { me: Me }) {
  const update = useUpdateProfile();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<{ lastName: string; firstName: string }>({
    initialValues: { lastName: me.lastName, firstName: me.firstName },
    validate: zodResolver(UpdateProfileRequestSchema),
  });

  const submit = form.onSubmit(
    (values) => {
      const parsed = UpdateProfileRequestSchema.safeParse(values);
      if (!parsed.success || update.isPending) return;
      setProblem(null);
      update.mutate(parsed.data, {
        onSuccess: (next) => {
          const saved = { lastName: next.lastName, firstName: next.firstName };
          form.setInitialValues(saved);
          form.setValues(saved);
          notifySuccess('Vos nom et prénom ont été enregistrés.');
        },
        onError: (error) => {
          const fields = fieldErrors(error);
          if (fields.lastName || fields.firstName) {
            form.setErrors(fields);
            focusFirstInvalid(formId);
          } else {
            setProblem(errorMessage(error));
          }
        },
      });
    },
    () => focusFirstInvalid(formId),
  );

  return (
    <ProfileCard title="Nom et prénom">
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert message={problem} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Nom"
              autoComplete="family-name"
              required
              maxLength={80}
              {...form.getInputProps('lastName')}
            />
            <TextInput
              label="Prénom"
              autoComplete="given-name"
              required
              maxLength={80}
              {...form.getInputProps('firstName')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={update.isPending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </ProfileCard>
  );
}
