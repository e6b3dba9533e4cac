import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** `/salaries/$memberId`: « Fiche salarié » (SPEC §5.2). */
export function MemberPage() {
  return (
    <Page title="Fiche salarié">
      <ComingSoon>Le détail d'un salarié assuré et de ses contrats.</ComingSoon>
      <AnchorLink to={paths.members}>Retour à Mes salariés</AnchorLink>
    </Page>
  );
}
