import { Checkbox, Group, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { PersonValues } from '../../../components/person-fields';
import { PersonContactFields, PersonNameFields } from '../../../components/person-fields';

/** The profile of a user as the add and edit forms hold it. */
export interface IdentityValues extends PersonValues {
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
      <PersonNameFields form={form} />
      <PersonContactFields
        form={form}
        locked={contactLocked}
        lockedNote="L’adresse e-mail et le téléphone mobile servent à la connexion de cet utilisateur : seul l’utilisateur peut les modifier depuis son profil."
        emailDescription="L’invitation y sera envoyée"
        phoneDescription="Pour le code de connexion reçu par SMS"
        phoneRequired
      />
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
