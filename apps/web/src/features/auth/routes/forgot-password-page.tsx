import { ComingSoon } from '../../../components/coming-soon';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';
import { Page } from '../../../components/page';

/** `/mot-de-passe-oublie`: « Mot de passe oublié » (SPEC §4.2). */
export function ForgotPasswordPage() {
  return (
    <Page title="Mot de passe oublié">
      <ComingSoon>
        Vous pourrez ici recevoir par e-mail un lien pour choisir un nouveau mot de passe.
      </ComingSoon>
      <AnchorLink to={paths.signIn}>Retour à la connexion</AnchorLink>
    </Page>
  );
}
