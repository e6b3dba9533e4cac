import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/formulaire/$token`: « Formulaire d'affiliation » (SPEC §5.5). */
export function EnrolmentFormPage() {
  return (
    <Page title="Formulaire d'affiliation">
      <ComingSoon>
        Votre formulaire d'affiliation en ligne : après confirmation de votre date de naissance,
        vous pourrez compléter vos informations, vos ayants droit et vos coordonnées bancaires, puis
        joindre vos justificatifs.
      </ComingSoon>
    </Page>
  );
}
