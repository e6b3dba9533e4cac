import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { paths } from '../config/paths';
import { ActivatePage } from '../features/auth/routes/activate-page';
import { ForgotPasswordPage } from '../features/auth/routes/forgot-password-page';
import { SignInPage } from '../features/auth/routes/sign-in-page';
import { AffiliationsPage } from '../features/affiliations/routes/affiliations-page';
import { PreAffiliationPage } from '../features/affiliations/routes/pre-affiliation-page';
import { AuditPage } from '../features/audit/routes/audit-page';
import { BackOfficeAffiliationsPage } from '../features/backoffice/routes/backoffice-affiliations-page';
import { BackOfficeDocumentsPage } from '../features/backoffice/routes/backoffice-documents-page';
import { BackOfficeHomePage } from '../features/backoffice/routes/backoffice-home-page';
import { BackOfficeMessagesPage } from '../features/backoffice/routes/backoffice-messages-page';
import { ReferenceDataPage } from '../features/backoffice/routes/reference-data-page';
import { HelpPage } from '../features/dashboard/routes/help-page';
import { HomePage } from '../features/dashboard/routes/home-page';
import { DevMailboxPage } from '../features/dev/routes/dev-mailbox-page';
import { DocumentsPage } from '../features/documents/routes/documents-page';
import { EnrolmentFormPage } from '../features/enrolment/routes/enrolment-form-page';
import { MemberPage } from '../features/members/routes/member-page';
import { MembersPage } from '../features/members/routes/members-page';
import { ConversationPage } from '../features/messages/routes/conversation-page';
import { MessagesPage } from '../features/messages/routes/messages-page';
import { NewMessagePage } from '../features/messages/routes/new-message-page';
import { NotificationsPage } from '../features/notifications/routes/notifications-page';
import { ProfilePage } from '../features/users/routes/profile-page';
import { UsersPage } from '../features/users/routes/users-page';
import { BackOfficeLayout } from './layout/backoffice-layout';
import { EmployerLayout } from './layout/employer-layout';
import { PublicLayout } from './layout/public-layout';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './not-found-page';

/*
 * Code-based routes. Three pathless layouts hold the pages: public (no account), employer space
 * and back office. Paths come from config/paths.ts. Access rules (sign-in, roles) come with the
 * authentication issue, as `beforeLoad` guards on the layouts.
 */

const rootRoute = createRootRoute({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

// Public pages
const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});
const publicRoutes = [
  createRoute({ getParentRoute: () => publicLayout, path: paths.signIn, component: SignInPage }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.activate,
    component: ActivatePage,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.forgotPassword,
    component: ForgotPasswordPage,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.enrolmentForm,
    component: EnrolmentFormPage,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.devMailbox,
    component: DevMailboxPage,
  }),
] as const;

// Employer space
const employerLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'employer',
  component: EmployerLayout,
});
const employerRoutes = [
  createRoute({ getParentRoute: () => employerLayout, path: paths.home, component: HomePage }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.members,
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
    component: AffiliationsPage,
  }),
  createRoute({
    getParentRoute: () => employerLayout,
    path: paths.documents,
    component: DocumentsPage,
  }),
  createRoute({ getParentRoute: () => employerLayout, path: paths.users, component: UsersPage }),
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
    component: ProfilePage,
  }),
  createRoute({ getParentRoute: () => employerLayout, path: paths.help, component: HelpPage }),
] as const;

// Insurer back office
const backOfficeLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'back-office',
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
    component: BackOfficeAffiliationsPage,
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
    path: paths.backOfficeAudit,
    component: AuditPage,
  }),
] as const;

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren(publicRoutes),
  employerLayout.addChildren(employerRoutes),
  backOfficeLayout.addChildren(backOfficeRoutes),
]);

export function createAppRouter() {
  return createRouter({
    routeTree,
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
