import { Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { formatPhone } from '../../../lib/format-phone';

/** The profile of a user as the add and edit forms hold it. */
export interface IdentityValues {
  lastName: string;
  firstName: string;
  email: string;
  mobilePhone: string;
  isThirdParty: boolean;
  /** Kept while the box is unticked, sent only when it is ticked. */
  thirdPartyFirm: string;
}

/**
 * Nom, Prénom, Adresse e-mail, Téléphone mobile and « Tiers déclarant » with the firm's name.
 * `contactLocked`: an active account's address and mobile are its sign-in and second factor,
 * which only the user changes (from « Mon profil »): they are shown, not editable.
 */
export function UserIdentityFields<Values extends IdentityValues>({
  form,
  contactLocked = false,
}: {
  form: UseFormReturnType<Values>;
  contactLocked?: boolean;
}) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Nom"
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('lastName')}
        />
        <TextInput
          label="Prénom"
          autoComplete="off"
          required
          {...form.getInputProps('firstName')}
        />
      </SimpleGrid>
      {contactLocked ? (
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
            L’adresse e-mail et le téléphone mobile servent à la connexion de cet utilisateur : seul
            l’utilisateur peut les modifier depuis son profil.
          </Text>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Adresse e-mail"
            type="email"
            autoComplete="off"
            required
            description="L’invitation y sera envoyée"
            {...form.getInputProps('email')}
          />
          <TextInput
            label="Téléphone mobile"
            type="tel"
            autoComplete="off"
            required
            description="Pour le code de connexion reçu par SMS"
            {...form.getInputProps('mobilePhone')}
          />
        </SimpleGrid>
      )}
      <Group gap="md" align="flex-start">
        <Checkbox
          label="Tiers déclarant (cabinet comptable…)"
          description="Une personne extérieure à la société qui déclare pour elle"
          {...form.getInputProps('isThirdParty', { type: 'checkbox' })}
        />
      </Group>
      {form.values.isThirdParty ? (
        <TextInput
          label="Nom du cabinet"
          autoComplete="organization"
          required
          {...form.getInputProps('thirdPartyFirm')}
        />
      ) : null}
    </Stack>
  );
}
