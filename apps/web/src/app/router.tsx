import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router';
import { paths } from '../config/paths';
import { requireEmployer, requireStaff } from '../features/auth/guards';
import { validateSignInSearch } from '../features/auth/space';
import { validateAffiliationsSearch } from '../features/affiliations/affiliations-search';
import { AffiliationsPage } from '../features/affiliations/routes/affiliations-page';
import { PreAffiliationPage } from '../features/affiliations/routes/pre-affiliation-page';
import { AuditPage } from '../features/audit/routes/audit-page';
import { validateAffiliationsQueueSearch } from '../features/backoffice/affiliations-queue-search';
import { BackOfficeAffiliationPage } from '../features/backoffice/routes/backoffice-affiliation-page';
import { BackOfficeAffiliationsPage } from '../features/backoffice/routes/backoffice-affiliations-page';
import { BackOfficeDocumentsPage } from '../features/backoffice/routes/backoffice-documents-page';
import { BackOfficeHomePage } from '../features/backoffice/routes/backoffice-home-page';
import { BackOfficeMessagesPage } from '../features/backoffice/routes/backoffice-messages-page';
import { ContentPage } from '../features/content/routes/content-page';
import { HelpPage } from '../features/dashboard/routes/help-page';
import { validateHomeSearch } from '../features/dashboard/home-search';
import { HomePage } from '../features/dashboard/routes/home-page';
import { DevMailboxPage } from '../features/dev/routes/dev-mailbox-page';
import { DocumentsPage } from '../features/documents/routes/documents-page';
import { EnrolmentFormPage } from '../features/enrolment/routes/enrolment-form-page';
import { validateMembersSearch } from '../features/members/members-search';
import { MemberPage } from '../features/members/routes/member-page';
import { MembersPage } from '../features/members/routes/members-page';
import { ConversationPage } from '../features/messages/routes/conversation-page';
import { MessagesPage } from '../features/messages/routes/messages-page';
import { NewMessagePage } from '../features/messages/routes/new-message-page';
import { NotificationsPage } from '../features/notifications/routes/notifications-page';
import { ReferenceDataPage } from '../features/reference-data/routes/reference-data-page';
import { ReferenceDetailPage } from '../features/reference-data/routes/reference-detail-page';
import { ReferenceImportPage } from '../features/reference-data/routes/reference-import-page';
import { StaffPage } from '../features/staff/routes/staff-page';
import { UsersPage } from '../features/users/routes/users-page';
import { validateUsersSearch } from '../features/users/users-search';
import { BackOfficeLayout } from './layout/backoffice-layout';
import { EmployerLayout } from './layout/employer-layout';
import { EmployeeLayout, PublicBackOfficeLayout, PublicLayout } from './layout/public-layout';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

/*
 * Code-based routes. Four pathless layouts hold the pages: public (no account), the back office's
 * public pages (its sign-in), employer space and back office. Paths come from config/paths.ts.
 * The employer and back-office layouts check the signed-in user in `beforeLoad` (features/auth/
 * guards.ts) with the query client of the router's context.
 *
 * The account pages are loaded on demand: they carry the shared auth schemas, which bring the
 * password-strength dictionaries (zxcvbn-ts, about 500 kB compressed) with them.
 */

export interface RouterContext {
  queryClient: QueryClient;
}

const authPages = {
  signIn: lazyRouteComponent(() => import('../features/auth/routes/sign-in-page'), 'SignInPage'),
  backOfficeSignIn: lazyRouteComponent(
    () => import('../features/auth/routes/sign-in-page'),
    'BackOfficeSignInPage',
  ),
  secondFactor: lazyRouteComponent(
    () => import('../features/auth/routes/second-factor-page'),
    'SecondFactorPage',
  ),
  backOfficeSecondFactor: lazyRouteComponent(
    () => import('../features/auth/routes/second-factor-page'),
    'BackOfficeSecondFactorPage',
  ),
  activate: lazyRouteComponent(
    () => import('../features/auth/routes/activate-page'),
    'ActivatePage',
  ),
  confirmEmail: lazyRouteComponent(
    () => import('../features/auth/routes/confirm-email-page'),
    'ConfirmEmailPage',
  ),
  forgotPassword: lazyRouteComponent(
    () => import('../features/auth/routes/forgot-password-page'),
    'ForgotPasswordPage',
  ),
  backOfficeForgotPassword: lazyRouteComponent(
    () => import('../features/auth/routes/forgot-password-page'),
    'BackOfficeForgotPasswordPage',
  ),
  resetPassword: lazyRouteComponent(
    () => import('../features/auth/routes/reset-password-page'),
    'ResetPasswordPage',
  ),
  createPassword: lazyRouteComponent(
    () => import('../features/users/routes/create-password-page'),
    'CreatePasswordPage',
  ),
  confirmEmailChange: lazyRouteComponent(
    () => import('../features/users/routes/confirm-email-change-page'),
    'ConfirmEmailChangePage',
  ),
  profile: lazyRouteComponent(() => import('../features/users/routes/profile-page'), 'ProfilePage'),
  establishments: lazyRouteComponent(
    () => import('../features/establishments/routes/establishments-page'),
    'EstablishmentsPage',
  ),
  backOfficeProfile: lazyRouteComponent(
    () => import('../features/users/routes/profile-page'),
    'BackOfficeProfilePage',
  ),
  joinCompany: lazyRouteComponent(
    () => import('../features/users/routes/join-company-page'),
    'JoinCompanyPage',
  ),
  termsUpdate: lazyRouteComponent(
    () => import('../features/auth/routes/terms-update-page'),
    'TermsUpdatePage',
  ),
};

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

// Public pages
const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});
// The employee's online form (no account): their own space, named as such in the footer.
const employeeLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'employee',
  component: EmployeeLayout,
});
const employeeRoutes = [
  createRoute({
    getParentRoute: () => employeeLayout,
    path: paths.enrolmentForm,
    component: EnrolmentFormPage,
  }),
] as const;
const publicRoutes = [
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.signIn,
    validateSearch: validateSignInSearch,
    component: authPages.signIn,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.signInVerification,
    validateSearch: validateSignInSearch,
    component: authPages.secondFactor,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.activate,
    component: authPages.activate,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.confirmEmail,
    component: authPages.confirmEmail,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.forgotPassword,
    component: authPages.forgotPassword,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.resetPassword,
    component: authPages.resetPassword,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.createPassword,
    component: authPages.createPassword,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.confirmEmailChange,
    component: authPages.confirmEmailChange,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.termsUpdate,
    validateSearch: validateSignInSearch,
    component: authPages.termsUpdate,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.devMailbox,
    component: DevMailboxPage,
  }),
] as const;

// The back office's sign-in pages
const publicBackOfficeLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public-back-office',
  component: PublicBackOfficeLayout,
});
const publicBackOfficeRoutes = [
  createRoute({
    getParentRoute: () => publicBackOfficeLayout,
    path: paths.backOfficeSignIn,
    validateSearch: validateSignInSearch,
    component: authPages.backOfficeSignIn,
  }),
  createRoute({
    getParentRoute: () => publicBackOfficeLayout,
    path: paths.backOfficeSignInVerification,
    validateSearch: validateSignInSearch,
    component: authPages.backOfficeSecondFactor,
  }),
  createRoute({
    getParentRoute: () => publicBackOfficeLayout,
    path: paths.backOfficeForgotPassword,
    component: authPages.backOfficeForgotPassword,
  }),
] as const;

// Employer space
const employerLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'employer',
  beforeLoad: requireEmployer,
  component: EmployerLayout,
});
const employerRoutes = [
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.home,
    validateSearch: validateHomeSearch,
    component: HomePage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.members,
    validateSearch: validateMembersSearch,
    component: MembersPage,
  }),
  createRoute({ getParentRoute: () => employerLayout, path: paths.member, component: MemberPage }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.preAffiliation,
    component: PreAffiliationPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.affiliations,
    validateSearch: validateAffiliationsSearch,
    component: AffiliationsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.documents,
    component: DocumentsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.users,
    validateSearch: validateUsersSearch,
    component: UsersPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.messages,
    component: MessagesPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.newMessage,
    component: NewMessagePage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.conversation,
    component: ConversationPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.notifications,
    component: NotificationsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.profile,
    component: authPages.profile,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.profileEstablishments,
    component: authPages.establishments,
  }),
  createRoute({ getParentRoute: () => employerLayout, path: paths.help, component: HelpPage }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.joinCompany,
    component: authPages.joinCompany,
  }),
] as const;

// Insurer back office
const backOfficeLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'back-office',
  beforeLoad: requireStaff,
  component: BackOfficeLayout,
});
const backOfficeRoutes = [
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOffice,
    component: BackOfficeHomePage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAffiliations,
    validateSearch: validateAffiliationsQueueSearch,
    component: BackOfficeAffiliationsPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAffiliation,
    component: BackOfficeAffiliationPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeMessages,
    component: BackOfficeMessagesPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeDocuments,
    component: BackOfficeDocumentsPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceData,
    component: ReferenceDataPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceImport,
    component: ReferenceImportPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceDetail,
    component: ReferenceDetailPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeContent,
    component: ContentPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeStaff,
    component: StaffPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAudit,
    component: AuditPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeProfile,
    component: authPages.backOfficeProfile,
  }),
] as const;

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren(publicRoutes),
  employeeLayout.addChildren(employeeRoutes),
  publicBackOfficeLayout.addChildren(publicBackOfficeRoutes),
  employerLayout.addChildren(employerRoutes),
  backOfficeLayout.addChildren(backOfficeRoutes),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    notFoundMode: 'root',
    scrollRestoration: true,
    defaultPreload: 'intent',
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
