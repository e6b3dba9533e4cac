import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/messages`: « Messages des entreprises » (SPEC §6). */
export function BackOfficeMessagesPage() {
  return (
    <Page title="Messages des entreprises">
      <ComingSoon>Les conversations des entreprises, à traiter et à clôturer.</ComingSoon>
    </Page>
  );
}
