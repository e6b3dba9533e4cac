import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/affiliations`: « Demandes d'affiliation » (SPEC §6). */
export function BackOfficeAffiliationsPage() {
  return (
    <Page title="Demandes d'affiliation">
      <ComingSoon>
        Les demandes finalisées par les salariés, à valider ou à retourner avec un motif, et les BIA
        papier à marquer comme reçus.
      </ComingSoon>
    </Page>
  );
}
