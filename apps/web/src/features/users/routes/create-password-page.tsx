import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/creer-mot-de-passe/$token`: password creation from the invitation email. */
export function CreatePasswordPage() {
  return (
    <Page title="Créer mon mot de passe">
      <ComingSoon />
    </Page>
  );
}
