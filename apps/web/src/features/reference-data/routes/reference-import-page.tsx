import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/referentiel/import`: « Importer des données ». */
export function ReferenceImportPage() {
  return (
    <Page title="Importer des données">
      <ComingSoon>
        L'import des entreprises, établissements, contrats et assurés depuis un fichier CSV ou
        Excel.
      </ComingSoon>
    </Page>
  );
}
