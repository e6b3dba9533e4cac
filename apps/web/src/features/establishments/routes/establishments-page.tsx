import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/profil/etablissements`: the establishments of the perimeter (SPEC §4.4). */
export function EstablishmentsPage() {
  return (
    <Page title="Établissements suivis">
      <ComingSoon />
    </Page>
  );
}
