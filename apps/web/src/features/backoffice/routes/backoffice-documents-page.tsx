import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/documents`: « Documents publiés » (SPEC §6). */
export function BackOfficeDocumentsPage() {
  return (
    <Page title="Documents publiés">
      <ComingSoon>
        Les documents pratiques publiés pour tous, pour une convention collective ou pour une
        entreprise.
      </ComingSoon>
    </Page>
  );
}
