import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { formatPhone } from '../lib/format-phone';

/* A person's account as an administrator's forms hold it: an employer's user, a staff member. */

export interface PersonValues {
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
}

/** Nom and Prénom, side by side; the dialog opens on Nom. */
export function PersonNameFields<Values extends PersonValues>({
  form,
}: {
  form: UseFormReturnType<Values>;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label="Nom"
        autoComplete="off"
        required
        data-autofocus
        {...form.getInputProps('lastName')}
      />
      <TextInput label="Prénom" autoComplete="off" required {...form.getInputProps('firstName')} />
    </SimpleGrid>
  );
}

/**
 * Adresse e-mail and Téléphone mobile: typed before the account is active, then shown locked
 * with `lockedNote` (they are the person's sign-in and second factor, which only they change).
 */
export function PersonContactFields<Values extends PersonValues>({
  form,
  locked,
  lockedNote,
  emailDescription,
  phoneDescription,
  phoneRequired,
}: {
  form: UseFormReturnType<Values>;
  locked: boolean;
  lockedNote: string;
  emailDescription: string;
  phoneDescription: string;
  phoneRequired: boolean;
}) {
  if (!locked) {
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Adresse e-mail"
          type="email"
          autoComplete="off"
          required
          description={emailDescription}
          {...form.getInputProps('email')}
        />
        <TextInput
          label="Téléphone mobile"
          type="tel"
          autoComplete="off"
          required={phoneRequired}
          description={phoneDescription}
          {...form.getInputProps('mobilePhone')}
        />
      </SimpleGrid>
    );
  }
  return (
    <Stack gap={6}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Adresse e-mail"
          value={form.values.email}
          readOnly
          variant="filled"
          rightSection={<IconLock size={16} aria-hidden />}
        />
        <TextInput
          label="Téléphone mobile"
          value={formatPhone(form.values.mobilePhone || null)}
          readOnly
          variant="filled"
          rightSection={<IconLock size={16} aria-hidden />}
        />
      </SimpleGrid>
      <Text size="sm" c="gray.8">
        {lockedNote}
      </Text>
    </Stack>
  );
}
