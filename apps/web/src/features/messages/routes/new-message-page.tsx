import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** `/messages/nouveau`: « Nouveau message » (SPEC §5.7). */
export function NewMessagePage() {
  return (
    <Page title="Nouveau message">
      <ComingSoon>
        Choisissez le motif et l'objet de votre demande, rédigez votre message et joignez jusqu'à 4
        documents (3 Mo maximum chacun).
      </ComingSoon>
      <AnchorLink to={paths.messages}>Retour à la messagerie</AnchorLink>
    </Page>
  );
}
