import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/salaries`: « Mes salariés » (SPEC §5.2). */
export function MembersPage() {
  return (
    <Page title="Mes salariés">
      <ComingSoon>
        Vous retrouverez ici la liste détaillée de vos salariés assurés : établissement, statut
        professionnel, nom et numéro de sécurité sociale, contrat avec sa date d'effet et sa date de
        fin.
      </ComingSoon>
    </Page>
  );
}
