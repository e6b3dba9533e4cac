import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/pre-affiliation`: « Pré-affiliation » (SPEC §5.3). */
export function PreAffiliationPage() {
  return (
    <Page title="Pré-affiliation">
      <ComingSoon>
        Pré-affiliez un nouveau salarié en trois étapes : établissement et statut professionnel,
        informations du salarié, puis envoi de son formulaire d'affiliation.
      </ComingSoon>
    </Page>
  );
}
