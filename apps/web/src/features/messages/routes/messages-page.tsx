import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { ButtonLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** `/messages`: « Messagerie » (SPEC §5.7). */
export function MessagesPage() {
  return (
    <Page
      title="Messagerie"
      actions={<ButtonLink to={paths.newMessage}>Nouveau message</ButtonLink>}
    >
      <ComingSoon>
        Retrouvez vos échanges avec nos conseillers et écrivez-nous depuis « Nous contacter ».
      </ComingSoon>
    </Page>
  );
}
