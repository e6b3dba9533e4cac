import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office`: « Espace assureur » (SPEC §6). */
export function BackOfficeHomePage() {
  return (
    <Page title="Espace assureur">
      <ComingSoon>
        Les files de travail des gestionnaires : affiliations à valider, BIA papier à réceptionner,
        messages à traiter, documents à publier.
      </ComingSoon>
    </Page>
  );
}
