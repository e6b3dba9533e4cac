import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** `/messages/$conversationId`: « Conversation » (SPEC §5.7). */
export function ConversationPage() {
  return (
    <Page title="Conversation">
      <ComingSoon>Le fil de vos échanges avec nos conseillers sur une demande.</ComingSoon>
      <AnchorLink to={paths.messages}>Retour à la messagerie</AnchorLink>
    </Page>
  );
}
