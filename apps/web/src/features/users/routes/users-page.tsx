import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/habilitations`: « Gestion des habilitations » (SPEC §4.3). */
export function UsersPage() {
  return (
    <Page title="Gestion des habilitations">
      <ComingSoon>
        Ajoutez des utilisateurs à votre espace entreprise, choisissez leurs droits (Administrateur
        ou Utilisateur) sur chacune de vos sociétés et gérez leurs accès.
      </ComingSoon>
    </Page>
  );
}
