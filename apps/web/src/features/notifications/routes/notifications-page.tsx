import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/notifications`: « Notifications » (SPEC §5.8). */
export function NotificationsPage() {
  return (
    <Page title="Notifications">
      <ComingSoon>
        Vous serez prévenu ici lorsqu'un salarié finalise son affiliation, lorsque nos conseillers
        vous répondent ou lorsqu'un nouveau document est publié.
      </ComingSoon>
    </Page>
  );
}
