/**
 * Every route of the API, each module in the scope that says who may call it (decision record
 * 0010): the scope authenticates the request and gives the handler its typed actor. A module
 * whose routes belong to two scopes exports one plugin per scope.
 */
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './lib/context';
import { scope } from './modules/auth/scopes';
import { affiliationsRoutes } from './modules/affiliations/affiliations.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authAccountRoutes, authPublicRoutes, termsRoutes } from './modules/auth/auth.routes';
import { captchaRoutes } from './modules/captcha/captcha.routes';
import { contentRoutes } from './modules/content/content.routes';
import { backofficeRoutes } from './modules/backoffice/backoffice.routes';
import { backofficeMessagesRoutes } from './modules/backoffice/messages.routes';
import { backofficeDocumentsRoutes } from './modules/backoffice/documents.routes';
import { devRoutes } from './modules/dev/dev.routes';
import { metricsRoutes } from './modules/operations/metrics.routes';
import { documentsRoutes } from './modules/documents/documents.routes';
import {
  employerBiaRoutes,
  enrolmentFormRoutes,
  enrolmentLinkRoutes,
  unlockEnrolment,
} from './modules/enrolment/enrolment.routes';
import { dispenseFormRoutes, dispenseReceiptRoutes } from './modules/enrolment/dispense.routes';
import { establishmentsRoutes } from './modules/establishments/establishments.routes';
import { healthRoutes } from './modules/health/health.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { dispensesRoutes, paperDispenseRoutes } from './modules/dispenses/dispenses.routes';
import { backofficeDispensesRoutes } from './modules/dispenses/backoffice-dispenses.routes';
import { membersRoutes } from './modules/members/members.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { messagesRoutes } from './modules/messages/messages.routes';
import { backofficeRadiationsRoutes } from './modules/radiations/backoffice-radiations.routes';
import { letterTemplatesRoutes } from './modules/radiations/letter-templates.routes';
import { radiationImportRoutes } from './modules/radiations/radiation-import.routes';
import { affiliationImportRoutes } from './modules/affiliations/affiliation-import.routes';
import { radiationsRoutes } from './modules/radiations/radiations.routes';
import {
  backofficeMemberChangesRoutes,
  memberChangeRoutes,
  memberChangesRoutes,
} from './modules/member-changes/member-changes.routes';
import {
  memberLinkEmployeeRoutes,
  memberLinkEmployerRoutes,
  memberLinkPublicRoutes,
} from './modules/member-links/member-links.routes';
import { unlockedMemberLink } from './modules/member-links/member-link-access';
import { requestsRoutes } from './modules/requests/requests.routes';
import { referenceImportRoutes } from './modules/reference-data/import.routes';
import { referenceDataRoutes } from './modules/reference-data/reference-data.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import { profileEmailLinkRoutes, profileRoutes } from './modules/users/profile.routes';
import {
  companyInvitationsRoutes,
  invitationLinkRoutes,
  usersRoutes,
} from './modules/users/users.routes';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    scope(
      'public',
      {
        routes: async (docs) => {
          await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
        },
        prefix: '/api',
      },
      { routes: healthRoutes, prefix: '/api' },
      { routes: settingsRoutes, prefix: '/api/branding' },
      { routes: captchaRoutes, prefix: '/api/captcha' },
      { routes: authPublicRoutes, prefix: '/api/auth' },
      { routes: invitationLinkRoutes, prefix: '/api/auth/invitation' },
      { routes: profileEmailLinkRoutes, prefix: '/api/profile/email' },
      { routes: enrolmentLinkRoutes, prefix: '/api/enrolment' },
      { routes: dispenseReceiptRoutes, prefix: '/api/enrolment' },
      { routes: memberLinkPublicRoutes, prefix: '/api/member-link' },
      ...(ctx.config.isProduction ? [] : [{ routes: devRoutes, prefix: '/api/dev' }]),
    ),
  );
  await app.register(
    scope(
      'employee-link',
      { routes: enrolmentFormRoutes, prefix: '/api/enrolment/:token', unlock: unlockEnrolment },
      { routes: dispenseFormRoutes, prefix: '/api/enrolment/:token', unlock: unlockEnrolment },
      {
        routes: memberLinkEmployeeRoutes,
        prefix: '/api/member-link/:token',
        unlockMemberLink: unlockedMemberLink,
      },
    ),
  );
  await app.register(
    scope(
      'account',
      { routes: authAccountRoutes, prefix: '/api/auth' },
      { routes: profileRoutes, prefix: '/api/profile' },
      { routes: notificationsRoutes, prefix: '/api/notifications' },
    ),
  );
  await app.register(
    scope(
      'employer',
      { routes: termsRoutes, prefix: '/api/auth/terms' },
      { routes: usersRoutes, prefix: '/api/users' },
      { routes: companyInvitationsRoutes, prefix: '/api/company-invitations' },
      { routes: establishmentsRoutes, prefix: '/api/establishments' },
      { routes: membersRoutes, prefix: '/api/members' },
      { routes: memberChangesRoutes, prefix: '/api/members' },
      { routes: memberChangeRoutes, prefix: '/api/member-changes' },
      { routes: memberLinkEmployerRoutes, prefix: '/api/members' },
      { routes: dashboardRoutes, prefix: '/api/dashboard' },
      { routes: affiliationImportRoutes, prefix: '/api/affiliations/import' },
      { routes: affiliationsRoutes, prefix: '/api/affiliations' },
      { routes: employerBiaRoutes, prefix: '/api/affiliations' },
      { routes: paperDispenseRoutes, prefix: '/api/affiliations' },
      { routes: dispensesRoutes, prefix: '/api/dispenses' },
      { routes: radiationsRoutes, prefix: '/api/radiations' },
      { routes: requestsRoutes, prefix: '/api/requests' },
      { routes: radiationImportRoutes, prefix: '/api/radiations/import' },
      { routes: messagesRoutes, prefix: '/api/conversations' },
      { routes: documentsRoutes, prefix: '/api/documents' },
    ),
  );
  if (ctx.metrics && ctx.config.metricsToken) {
    await app.register(
      scope('operator', { routes: metricsRoutes(ctx.metrics), token: ctx.config.metricsToken }),
    );
  }
  await app.register(
    scope(
      'backoffice',
      { routes: staffRoutes, prefix: '/api/backoffice' },
      { routes: backofficeRoutes, prefix: '/api/backoffice/affiliations' },
      { routes: backofficeDocumentsRoutes, prefix: '/api/backoffice/documents' },
      { routes: backofficeMessagesRoutes, prefix: '/api/backoffice/conversations' },
      { routes: referenceDataRoutes, prefix: '/api/backoffice/reference-data' },
      { routes: referenceImportRoutes, prefix: '/api/backoffice/reference-data' },
      { routes: contentRoutes, prefix: '/api/backoffice/content' },
      { routes: auditRoutes, prefix: '/api/backoffice/audit' },
      { routes: backofficeRadiationsRoutes, prefix: '/api/backoffice/radiations' },
      { routes: backofficeDispensesRoutes, prefix: '/api/backoffice/dispenses' },
      { routes: backofficeMemberChangesRoutes, prefix: '/api/backoffice/member-changes' },
      { routes: letterTemplatesRoutes, prefix: '/api/backoffice/letter-templates' },
    ),
  );
}
