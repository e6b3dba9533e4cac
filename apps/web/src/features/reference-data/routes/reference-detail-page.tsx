import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/referentiel/$entity/$entityId`: « Fiche ». */
export function ReferenceDetailPage() {
  return (
    <Page title="Fiche">
      <ComingSoon>
        Le détail d'une entreprise, d'un établissement, d'un contrat ou d'un assuré.
      </ComingSoon>
    </Page>
  );
}
