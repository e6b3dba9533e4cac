import { Stack } from '@mantine/core';
import { Page } from '../../../components/page';
import { ProfileTabs } from '../../../components/profile-tabs';
import { SecuritySection } from '../components/security-section';
import { ProfileInfoSection } from '../components/profile-info-section';

/** `/profil`: « Mon profil » (SPEC §4.4): my information, then the security settings. */
export function ProfilePage() {
  return (
    <Page title="Mon profil">
      <ProfileTabs current="profile" />
      <Stack gap="xl">
        <ProfileInfoSection />
        <SecuritySection />
      </Stack>
    </Page>
  );
}

/** `/back-office/profil`: the staff member's information and security settings. */
export function BackOfficeProfilePage() {
  return (
    <Page title="Mon profil">
      <Stack gap="xl">
        <ProfileInfoSection />
        <SecuritySection />
      </Stack>
    </Page>
  );
}
