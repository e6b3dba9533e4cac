import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/audit`: « Journal d'audit » (SPEC §8). */
export function AuditPage() {
  return (
    <Page title="Journal d'audit">
      <ComingSoon>
        Qui a fait quoi, quand et d'où : connexions, changements d'utilisateurs et de droits,
        exports et étapes des affiliations.
      </ComingSoon>
    </Page>
  );
}
