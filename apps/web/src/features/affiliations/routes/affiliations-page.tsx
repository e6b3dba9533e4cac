import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** `/affiliations`: « Suivi des demandes d'affiliation » (SPEC §5.4). */
export function AffiliationsPage() {
  return (
    <Page
      title="Suivi des demandes d'affiliation"
      actions={<ButtonLink to={paths.preAffiliation}>Pré-affilier un salarié</ButtonLink>}
    >
      <ComingSoon>
        Suivez à tout moment l'avancement des affiliations de vos salariés (envoyé à l'employé,
        démarré ou finalisé par le salarié, abandonné) et relancez-les si besoin.
      </ComingSoon>
    </Page>
  );
}
