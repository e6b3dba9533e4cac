import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/profil`: « Mon profil » (SPEC §4.4). */
export function ProfilePage() {
  return (
    <Page title="Mon profil">
      <ComingSoon>
        Modifiez vos informations personnelles et votre mot de passe, et ajoutez un ou plusieurs
        établissements au périmètre que vous suivez.
      </ComingSoon>
    </Page>
  );
}
