import { Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMe } from '../../../lib/use-me';
import { ProfileEmailCard } from './profile-email-card';
import { ProfileNamesCard } from './profile-names-card';
import { ProfilePasswordCard } from './profile-password-card';
import { ProfilePhoneCard } from './profile-phone-card';

/**
 * « Mes informations » of « Mon profil » (SPEC §4.4): names, email, mobile and password. Each
 * change but the names asks for the current password, and the account is told by email.
 */
export function ProfileInfoSection() {
  const me = useMe();
  return (
    <Stack gap="md" component="section" aria-labelledby="profil-informations">
      <Title order={2} fz="xl" id="profil-informations">
        Mes informations
      </Title>
      {me.data ? (
        <>
          {me.data.isThirdParty && me.data.thirdPartyFirm ? (
            <Text size="sm" c="gray.8">
              Tiers déclarant : {me.data.thirdPartyFirm}
            </Text>
          ) : null}
          <ProfileNamesCard me={me.data} />
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <ProfileEmailCard me={me.data} />
            <ProfilePhoneCard me={me.data} />
            <ProfilePasswordCard me={me.data} />
          </SimpleGrid>
        </>
      ) : (
        <Loader size="sm" aria-label="Chargement de vos informations" />
      )}
    </Stack>
  );
}
