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
import {
  validateAffiliationsSearch,
  validatePreAffiliationSearch,
} from '../features/affiliations/affiliations-search';
import { validateAuditSearch } from '../features/audit/audit-search';
import { validateAffiliationsQueueSearch } from '../features/backoffice/affiliations-queue-search';
import { validateDispensesQueueSearch } from '../features/backoffice/dispenses-queue-search';
import { validateMemberChangesQueueSearch } from '../features/backoffice/member-changes-queue-search';
import { validateRadiationsQueueSearch } from '../features/backoffice/radiations-queue-search';
import { dashboardQuery } from '../features/dashboard/api/use-dashboard';
import { validateHomeSearch } from '../features/dashboard/home-search';
import { enrolmentLinkQuery } from '../features/enrolment/api/enrolment-link';
import { validateDispensesSearch } from '../features/dispenses/dispenses-search';
import { validateMembersSearch } from '../features/members/members-search';
import { validateReferenceSearch } from '../features/reference-data/reference-search';
import { validateStaffSearch } from '../features/staff/staff-search';
import { validateUsersSearch } from '../features/users/users-search';
import { EmployeeLayout, PublicBackOfficeLayout, PublicLayout } from './layout/public-layout';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';
import { RoutePending } from './route-pending';

/*
 * Code-based routes. Four pathless layouts hold the pages: public (no account), the back office's
 * public pages (its sign-in), employer space and back office. Paths come from config/paths.ts.
 * The employer and back-office layouts check the signed-in user in `beforeLoad` (features/auth/
 * guards.ts) with the query client of the router's context.
 *
 * Every page (and the employer and back-office layouts) is loaded on demand, so that the first
 * visit of a page carries only its own code: the employer space, the back office, the enrolment
 * form and the development mailbox are separate chunks (src/build-budget.test.ts checks that the
 * entry chunk holds no back-office page and no password dictionary). While a chunk is on its way
 * the previous page stays, then `RoutePending` after the router's pending delay.
 */

export interface RouterContext {
  queryClient: QueryClient;
}

const pages = {
  affiliationImportPage: lazyRouteComponent(
    () => import('../features/affiliation-import/routes/affiliation-import-page'),
    'AffiliationImportPage',
  ),
  affiliationsPage: lazyRouteComponent(
    () => import('../features/affiliations/routes/affiliations-page'),
    'AffiliationsPage',
  ),
  dispensesPage: lazyRouteComponent(
    () => import('../features/dispenses/routes/dispenses-page'),
    'DispensesPage',
  ),
  preAffiliationPage: lazyRouteComponent(
    () => import('../features/affiliations/routes/pre-affiliation-page'),
    'PreAffiliationPage',
  ),
  auditPage: lazyRouteComponent(() => import('../features/audit/routes/audit-page'), 'AuditPage'),
  backOfficeAffiliationPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-affiliation-page'),
    'BackOfficeAffiliationPage',
  ),
  backOfficeAffiliationsPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-affiliations-page'),
    'BackOfficeAffiliationsPage',
  ),
  backOfficeRadiationPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-radiation-page'),
    'BackOfficeRadiationPage',
  ),
  backOfficeRadiationsPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-radiations-page'),
    'BackOfficeRadiationsPage',
  ),
  backOfficeDispensePage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-dispense-page'),
    'BackOfficeDispensePage',
  ),
  backOfficeDispensesPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-dispenses-page'),
    'BackOfficeDispensesPage',
  ),
  backOfficeMemberChangePage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-member-change-page'),
    'BackOfficeMemberChangePage',
  ),
  backOfficeMemberChangesPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-member-changes-page'),
    'BackOfficeMemberChangesPage',
  ),
  backOfficeDocumentsPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-documents-page'),
    'BackOfficeDocumentsPage',
  ),
  backOfficeHomePage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-home-page'),
    'BackOfficeHomePage',
  ),
  backOfficeMessagesPage: lazyRouteComponent(
    () => import('../features/backoffice/routes/backoffice-messages-page'),
    'BackOfficeMessagesPage',
  ),
  contentPage: lazyRouteComponent(
    () => import('../features/content/routes/content-page'),
    'ContentPage',
  ),
  helpPage: lazyRouteComponent(() => import('../features/dashboard/routes/help-page'), 'HelpPage'),
  homePage: lazyRouteComponent(() => import('../features/dashboard/routes/home-page'), 'HomePage'),
  devMailboxPage: lazyRouteComponent(
    () => import('../features/dev/routes/dev-mailbox-page'),
    'DevMailboxPage',
  ),
  documentsPage: lazyRouteComponent(
    () => import('../features/documents/routes/documents-page'),
    'DocumentsPage',
  ),
  enrolmentFormPage: lazyRouteComponent(
    () => import('../features/enrolment/routes/enrolment-form-page'),
    'EnrolmentFormPage',
  ),
  memberLinkPage: lazyRouteComponent(
    () => import('../features/member-link/routes/member-link-page'),
    'MemberLinkPage',
  ),
  memberPage: lazyRouteComponent(
    () => import('../features/members/routes/member-page'),
    'MemberPage',
  ),
  membersPage: lazyRouteComponent(
    () => import('../features/members/routes/members-page'),
    'MembersPage',
  ),
  conversationPage: lazyRouteComponent(
    () => import('../features/messages/routes/conversation-page'),
    'ConversationPage',
  ),
  messagesPage: lazyRouteComponent(
    () => import('../features/messages/routes/messages-page'),
    'MessagesPage',
  ),
  newMessagePage: lazyRouteComponent(
    () => import('../features/messages/routes/new-message-page'),
    'NewMessagePage',
  ),
  notificationsPage: lazyRouteComponent(
    () => import('../features/notifications/routes/notifications-page'),
    'NotificationsPage',
  ),
  radiationPage: lazyRouteComponent(
    () => import('../features/radiations/routes/radiation-page'),
    'RadiationPage',
  ),
  radiationImportPage: lazyRouteComponent(
    () => import('../features/radiation-import/routes/radiation-import-page'),
    'RadiationImportPage',
  ),
  referenceDataPage: lazyRouteComponent(
    () => import('../features/reference-data/routes/reference-data-page'),
    'ReferenceDataPage',
  ),
  referenceDetailPage: lazyRouteComponent(
    () => import('../features/reference-data/routes/reference-detail-page'),
    'ReferenceDetailPage',
  ),
  referenceImportPage: lazyRouteComponent(
    () => import('../features/reference-data/routes/reference-import-page'),
    'ReferenceImportPage',
  ),
  staffPage: lazyRouteComponent(() => import('../features/staff/routes/staff-page'), 'StaffPage'),
  usersPage: lazyRouteComponent(() => import('../features/users/routes/users-page'), 'UsersPage'),
  backOfficeLayout: lazyRouteComponent(
    () => import('./layout/backoffice-layout'),
    'BackOfficeLayout',
  ),
  employerLayout: lazyRouteComponent(() => import('./layout/employer-layout'), 'EmployerLayout'),
};

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
    () => import('../features/auth/routes/create-password-page'),
    'CreatePasswordPage',
  ),
  confirmEmailChange: lazyRouteComponent(
    () => import('../features/profile/routes/confirm-email-change-page'),
    'ConfirmEmailChangePage',
  ),
  profile: lazyRouteComponent(
    () => import('../features/profile/routes/profile-page'),
    'ProfilePage',
  ),
  establishments: lazyRouteComponent(
    () => import('../features/establishments/routes/establishments-page'),
    'EstablishmentsPage',
  ),
  backOfficeProfile: lazyRouteComponent(
    () => import('../features/profile/routes/profile-page'),
    'BackOfficeProfilePage',
  ),
  joinCompany: lazyRouteComponent(
    () => import('../features/auth/routes/join-company-page'),
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
    component: pages.enrolmentFormPage,
    // The link's check starts with the page's code rather than after its first render: the
    // birth-date screen (or the link's problem) waits for it (issue 15). Not awaited.
    loader: ({ context, params }) => {
      void context.queryClient.prefetchQuery(enrolmentLinkQuery(params.token));
    },
  }),
  createRoute({
    getParentRoute: () => employeeLayout,
    path: paths.memberLink,
    component: pages.memberLinkPage,
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
    component: pages.devMailboxPage,
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
  component: pages.employerLayout,
});
const employerRoutes = [
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.home,
    validateSearch: validateHomeSearch,
    component: pages.homePage,
    // The figures are asked for with the page's code (their answer is named in the page's HTML:
    // landing-routes.ts), so that the first render has them rather than a skeleton. Not awaited.
    // After `component`: build-budget.ts reads a route's block up to its first closing brace.
    loaderDeps: ({ search }) => ({ companyId: search.companyId }),
    loader: ({ context, deps }) => {
      void context.queryClient.prefetchQuery(dashboardQuery(deps.companyId));
    },
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.members,
    validateSearch: validateMembersSearch,
    component: pages.membersPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.member,
    component: pages.memberPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.radiationImport,
    component: pages.radiationImportPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.preAffiliation,
    validateSearch: validatePreAffiliationSearch,
    component: pages.preAffiliationPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.affiliationImport,
    component: pages.affiliationImportPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.dispenses,
    validateSearch: validateDispensesSearch,
    component: pages.dispensesPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.affiliations,
    validateSearch: validateAffiliationsSearch,
    component: pages.affiliationsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.radiation,
    component: pages.radiationPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.documents,
    component: pages.documentsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.users,
    validateSearch: validateUsersSearch,
    component: pages.usersPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.messages,
    component: pages.messagesPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.newMessage,
    component: pages.newMessagePage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.conversation,
    component: pages.conversationPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.notifications,
    component: pages.notificationsPage,
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
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.help,
    component: pages.helpPage,
  }),
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
  component: pages.backOfficeLayout,
});
const backOfficeRoutes = [
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOffice,
    component: pages.backOfficeHomePage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAffiliations,
    validateSearch: validateAffiliationsQueueSearch,
    component: pages.backOfficeAffiliationsPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAffiliation,
    component: pages.backOfficeAffiliationPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeRadiations,
    validateSearch: validateRadiationsQueueSearch,
    component: pages.backOfficeRadiationsPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeRadiation,
    component: pages.backOfficeRadiationPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeDispenses,
    validateSearch: validateDispensesQueueSearch,
    component: pages.backOfficeDispensesPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeDispense,
    component: pages.backOfficeDispensePage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeMemberChanges,
    validateSearch: validateMemberChangesQueueSearch,
    component: pages.backOfficeMemberChangesPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeMemberChange,
    component: pages.backOfficeMemberChangePage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeMessages,
    component: pages.backOfficeMessagesPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeDocuments,
    component: pages.backOfficeDocumentsPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceData,
    validateSearch: validateReferenceSearch,
    component: pages.referenceDataPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceImport,
    component: pages.referenceImportPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeReferenceDetail,
    component: pages.referenceDetailPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeContent,
    component: pages.contentPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeStaff,
    validateSearch: validateStaffSearch,
    component: pages.staffPage,
  }),
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeAudit,
    validateSearch: validateAuditSearch,
    component: pages.auditPage,
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
    defaultPendingComponent: RoutePending,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
