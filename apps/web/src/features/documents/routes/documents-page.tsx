import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/documents`: « Mes documents pratiques » (SPEC §5.6). */
export function DocumentsPage() {
  return (
    <Page title="Mes documents pratiques">
      <ComingSoon>
        Les documents liés à votre régime (résumés de garanties, notice d'information, formulaire de
        portabilité…) seront disponibles ici en téléchargement.
      </ComingSoon>
    </Page>
  );
}
