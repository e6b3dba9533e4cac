import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/referentiel`: « Référentiel » (SPEC §3). */
export function ReferenceDataPage() {
  return (
    <Page title="Référentiel">
      <ComingSoon>
        Les entreprises, établissements, contrats et assurés, à importer depuis un fichier ou à
        modifier.
      </ComingSoon>
    </Page>
  );
}
