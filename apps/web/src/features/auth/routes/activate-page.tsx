import { ComingSoon } from '../../../components/coming-soon';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { Page } from '../../../components/page';

/** `/activer-mon-espace`: « Activer mon espace » (SPEC §4.1). */
export function ActivatePage() {
  return (
    <Page title="Activer mon espace">
      <ComingSoon>
        Première connexion : identifiez votre établissement avec son numéro de SIRET et votre
        identifiant entreprise, créez votre compte RH puis choisissez votre mot de passe.
      </ComingSoon>
      <AnchorLink to={paths.signIn}>Retour à la connexion</AnchorLink>
    </Page>
  );
}
