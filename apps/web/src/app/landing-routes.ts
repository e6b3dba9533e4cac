/**
 * The pages a person lands on from outside the app (a bookmark, an emailed link, the address
 * typed) and the lazy modules each needs before it can paint: its page and its layout. The build
 * resolves them through Vite's manifest into `dist/route-preloads.json` (vite.config.ts,
 * `routePreloads`), and the server names those files in the page's HTML (`<link
 * rel="modulepreload">` and the stylesheets: apps/server/src/plugins/web.ts), so that the browser
 * fetches the page's code with the entry instead of after running it — one round trip less on a
 * phone (issue 15). A page absent here still works: its code comes after the entry, as before.
 * `landing-routes.test.ts` checks each module is one the router loads lazily.
 *
 * `api`: the GET answers the page asks for on its first render (`$name` taken from the page's
 * path), named in its HTML as fetch preloads (`<link rel="preload" as="fetch">`) so that they come
 * with the code instead of after it has run; with `signedIn`, only in a page that carries a user
 * of that kind (anyone else is sent elsewhere by the guard, and the answers would be refused).
 * A page opened with a search (`/?companyId=…`) asks for other answers: the server names none.
 *
 * Only paths.ts is imported: vite.config.ts reads this file.
 */
import { paths } from '../config/paths';

const employerLayout = 'src/app/layout/employer-layout.tsx';
const backOfficeLayout = 'src/app/layout/backoffice-layout.tsx';
const features = 'src/features';

/** The header's counts, asked by every page of the employer space. */
const headerCounts = ['/api/notifications/unread-count', '/api/conversations/unread-count'];

export interface LandingRoute {
  path: string;
  modules: readonly string[];
  api?: readonly string[];
  signedIn?: 'employer' | 'staff';
}

export const landingRoutes: readonly LandingRoute[] = [
  { path: paths.signIn, modules: [`${features}/auth/routes/sign-in-page.tsx`] },
  { path: paths.backOfficeSignIn, modules: [`${features}/auth/routes/sign-in-page.tsx`] },
  { path: paths.activate, modules: [`${features}/auth/routes/activate-page.tsx`] },
  { path: paths.forgotPassword, modules: [`${features}/auth/routes/forgot-password-page.tsx`] },
  { path: paths.resetPassword, modules: [`${features}/auth/routes/reset-password-page.tsx`] },
  { path: paths.createPassword, modules: [`${features}/auth/routes/create-password-page.tsx`] },
  { path: paths.confirmEmail, modules: [`${features}/auth/routes/confirm-email-page.tsx`] },
  {
    path: paths.enrolmentForm,
    modules: [`${features}/enrolment/routes/enrolment-form-page.tsx`],
    // features/enrolment/api/enrolment-link.ts
    api: ['/api/enrolment/$token/check'],
  },
  { path: paths.memberLink, modules: [`${features}/member-link/routes/member-link-page.tsx`] },
  {
    path: paths.home,
    modules: [employerLayout, `${features}/dashboard/routes/home-page.tsx`],
    // features/dashboard/api/use-dashboard.ts
    api: ['/api/dashboard', ...headerCounts],
    signedIn: 'employer',
  },
  { path: paths.members, modules: [employerLayout, `${features}/members/routes/members-page.tsx`] },
  // Before paths.member, whose `$memberId` would take it.
  {
    path: paths.radiationImport,
    modules: [employerLayout, `${features}/radiation-import/routes/radiation-import-page.tsx`],
  },
  { path: paths.member, modules: [employerLayout, `${features}/members/routes/member-page.tsx`] },
  {
    path: paths.affiliations,
    modules: [employerLayout, `${features}/affiliations/routes/affiliations-page.tsx`],
  },
  {
    path: paths.backOffice,
    modules: [backOfficeLayout, `${features}/backoffice/routes/backoffice-home-page.tsx`],
  },
  {
    path: paths.backOfficeAffiliations,
    modules: [backOfficeLayout, `${features}/backoffice/routes/backoffice-affiliations-page.tsx`],
  },
];
