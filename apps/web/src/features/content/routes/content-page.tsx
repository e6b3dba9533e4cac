import { ComingSoon } from '../../../components/coming-soon';
import { Page } from '../../../components/page';

/** `/back-office/contenus`: « Contenus du portail ». */
export function ContentPage() {
  return (
    <Page title="Contenus du portail">
      <ComingSoon>La marque, les conditions d'utilisation et les conseils et astuces.</ComingSoon>
    </Page>
  );
}
