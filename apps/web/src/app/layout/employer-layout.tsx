import { AppFooter } from './app-footer';
import { EmployerHeader } from './employer-header';
import { SpaceShell } from './space-shell';

/** The employer space: header with the navigation, the page, the support footer. */
export function EmployerLayout() {
  return <SpaceShell header={<EmployerHeader />} footer={<AppFooter />} />;
}
