import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/confirmer-nouvel-email/$token`: confirms a new email address chosen in « Mon profil ». */
export function ConfirmEmailChangePage() {
  return (
    <Page title="Confirmer ma nouvelle adresse e-mail">
      <ComingSoon />
    </Page>
  );
}
