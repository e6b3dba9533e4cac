import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/equipe`: « Équipe de l'assureur ». */
export function StaffPage() {
  return (
    <Page title="Équipe de l'assureur">
      <ComingSoon>Les comptes des gestionnaires et des administrateurs du back-office.</ComingSoon>
    </Page>
  );
}
