import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { SecuritySection } from '../../auth/components/security-section';

/** `/profil`: « Mon profil » (SPEC §4.4). The security part comes first; the rest follows. */
export function ProfilePage() {
  return (
    <Page title="Mon profil">
      <ComingSoon>
        Modifiez vos informations personnelles et votre mot de passe, et ajoutez un ou plusieurs
        établissements au périmètre que vous suivez.
      </ComingSoon>
      <SecuritySection />
    </Page>
  );
}

/** `/back-office/profil`: the staff member's security settings. */
export function BackOfficeProfilePage() {
  return (
    <Page title="Mon profil">
      <SecuritySection />
    </Page>
  );
}
