import { z } from 'zod';
import { EstablishmentRefSchema, requiredName } from './fields';
import { COMPANY_ROLES, USER_STATUSES } from '../domain/enums';
import { EmailSchema } from '../validators/zod';
import { MobilePhoneSchema } from '../validators/zod-phone';

// ---------------------------------------------------------------------------------------------
// « Mes habilitations / Gestion des habilitations » (SPEC §4.3). Routes under /api/users, for
// administrators only; every answer is limited to the companies the caller administers.
// ---------------------------------------------------------------------------------------------

/** « Aucun accès », « Utilisateur » or « Administrateur » on one company. */
export const RIGHT_LEVELS = ['none', ...COMPANY_ROLES] as const;
export type RightLevel = (typeof RIGHT_LEVELS)[number];
export const RIGHT_LEVEL_LABELS: Record<RightLevel, string> = {
  none: 'Aucun accès',
  user: 'Utilisateur',
  admin: 'Administrateur',
};

/** The rights given on one company the administrator manages. */
export const CompanyRightSchema = z.object({
  companyId: z.string().min(1).max(64),
  level: z.enum(RIGHT_LEVELS),
  /** null: every establishment of the company; otherwise only these (a regional HR manager). */
  establishmentIds: z.array(z.string().min(1).max(64)).max(5000).nullable().default(null),
});
export type CompanyRight = z.infer<typeof CompanyRightSchema>;

const ThirdPartyFields = {
  isThirdParty: z.boolean().default(false),
  thirdPartyFirm: z
    .string()
    .trim()
    .max(120, { error: '120 caractères au plus' })
    .nullable()
    .default(null),
};

function requireFirmWhenThirdParty<
  T extends { isThirdParty: boolean; thirdPartyFirm: string | null },
>(value: T, ctx: z.RefinementCtx) {
  if (value.isThirdParty && !value.thirdPartyFirm) {
    ctx.addIssue({
      code: 'custom',
      path: ['thirdPartyFirm'],
      message: 'Indiquez le nom du cabinet du tiers déclarant',
    });
  }
}

function requireOneRight(value: { rights: CompanyRight[] }, ctx: z.RefinementCtx) {
  if (!value.rights.some((r) => r.level !== 'none')) {
    ctx.addIssue({
      code: 'custom',
      path: ['rights'],
      message: 'Donnez un accès à au moins une société',
    });
  }
}

/** POST /api/users — « Ajouter un utilisateur à mon espace entreprise ». */
export const InviteUserRequestSchema = z
  .object({
    lastName: requiredName,
    firstName: requiredName,
    email: EmailSchema,
    mobilePhone: MobilePhoneSchema,
    ...ThirdPartyFields,
    rights: z.array(CompanyRightSchema).min(1).max(200),
  })
  .superRefine(requireFirmWhenThirdParty)
  .superRefine(requireOneRight);
export type InviteUserRequest = z.input<typeof InviteUserRequestSchema>;

/**
 * PATCH /api/users/:userId — the profile. The email and the mobile can be changed only while the
 * user has not created their password (« invité »): afterwards they are the user's sign-in and
 * second factor, which only the user changes, from « Mon profil ».
 */
export const UpdateUserRequestSchema = z
  .object({
    lastName: requiredName,
    firstName: requiredName,
    email: EmailSchema.optional(),
    mobilePhone: MobilePhoneSchema.optional(),
    ...ThirdPartyFields,
  })
  .superRefine(requireFirmWhenThirdParty);
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

/** PUT /api/users/:userId/rights — the rights on the companies the administrator manages. */
export const UpdateRightsRequestSchema = z.object({
  rights: z.array(CompanyRightSchema).min(1).max(200),
});
export type UpdateRightsRequest = z.input<typeof UpdateRightsRequestSchema>;

/** One company in a user's row: only companies the administrator manages are listed. */
export const UserCompanyRoleSchema = z.object({
  companyId: z.string(),
  companyName: z.string(),
  role: z.enum(COMPANY_ROLES),
  /** null: every establishment; otherwise the followed ones. */
  establishmentIds: z.array(z.string()).nullable(),
});

export const ManagedUserSchema = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  email: z.string(),
  /** Shown in full to the administrator (they typed it); e.g. "+33612345678". */
  mobilePhone: z.string().nullable(),
  isThirdParty: z.boolean(),
  thirdPartyFirm: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  /** When the last password-creation link was sent (invited users). */
  invitationSentAt: z.string().nullable(),
  companies: z.array(UserCompanyRoleSchema),
  /** Roles on companies the administrator does not manage exist (they are not shown). */
  hasOtherCompanies: z.boolean(),
  /** The caller themself. */
  isSelf: z.boolean(),
});
export type ManagedUser = z.infer<typeof ManagedUserSchema>;

/** A company the administrator manages, with its establishments (for the rights form). */
export const ManagedCompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  siren: z.string(),
  /**
   * The administrator's own role covers the whole company: only then may they give « Tous les
   * établissements »; otherwise `establishments` are those they follow, and they give some of them.
   */
  wholeCompany: z.boolean(),
  establishments: z.array(EstablishmentRefSchema),
});
export type ManagedCompany = z.infer<typeof ManagedCompanySchema>;

/** GET /api/users?companyId=&status=&q= */
export const UserListQuerySchema = z.object({
  companyId: z.string().max(64).optional(),
  status: z.enum(USER_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});
export const UserListSchema = z.object({
  users: z.array(ManagedUserSchema),
  companies: z.array(ManagedCompanySchema),
});
export type UserList = z.infer<typeof UserListSchema>;

/**
 * Routes (all answer the `ManagedUser` unless said otherwise):
 * - GET    /api/users?companyId=&status=&q=   → UserList
 * - POST   /api/users                          (InviteUserRequest) → InviteUserResult
 * - GET    /api/users/:userId
 * - PATCH  /api/users/:userId                  (UpdateUserRequest)
 * - PUT    /api/users/:userId/rights           (UpdateRightsRequest)
 * - POST   /api/users/:userId/invitation       « renvoyer un lien de création de mot de passe »
 * - POST   /api/users/:userId/suspend          « désactiver provisoirement »
 * - POST   /api/users/:userId/reactivate
 * - POST   /api/users/:userId/deactivate       « désactiver définitivement » (no way back)
 */
export const InviteUserResultSchema = z.object({
  /**
   * The new row « invité ». The same answer whether the address is new or already has an account
   * (issue 14 #4): an existing account receives an invitation to accept, and nothing of it is
   * returned — the row shows what the administrator typed.
   */
  user: ManagedUserSchema,
});

/**
 * GET /api/company-invitations/:token — the invitation an existing account received (signed in
 * as that account only); POST …/accept and …/decline answer `{ status }`.
 */
export const CompanyInvitationViewSchema = z.object({
  inviterName: z.string(),
  expiresAt: z.string(),
  companies: z.array(
    z.object({
      name: z.string(),
      role: z.enum(COMPANY_ROLES),
      /** null: every establishment of the company. */
      establishmentCount: z.number().int().nullable(),
    }),
  ),
});
export type CompanyInvitationView = z.infer<typeof CompanyInvitationViewSchema>;
export const CompanyInvitationAnswerSchema = z.object({
  status: z.enum(['accepted', 'declined']),
});

// Password creation from the invitation link (public pages): schemas/invitation.ts, apart
// from the mobile number's check, which its page does not need.
export { AcceptInvitationRequestSchema, InvitationCheckSchema } from './invitation';

export const USER_ERROR_CODES = [
  'last_administrator', // a company always keeps one active administrator
  'user_not_invited', // the password-creation link is for users who have not created one
  'user_deactivated', // a permanently deactivated account cannot be changed
  'user_suspended', // a suspended account gets no new rights until it is reactivated
  'rights_required', // a user keeps at least one company (deactivate them instead)
  'user_has_other_companies', // cannot suspend an account that other companies use
  'self_action', // an administrator cannot suspend or remove themself here
  'email_taken', // changing an invited user's address to one already used
  'rights_beyond_own', // nobody grants more than they hold (issue 14 #1)
  'user_already_listed', // « Ajouter » an address the administrator's list already shows
  'invitation_pending', // an invitation to this address waits for an answer
  'invitation_email_locked', // an invitation stays bound to its address
  'invitation_outdated', // the inviting administrator no longer holds what they offered
  'identity_locked', // email/mobile of an active user: only they change it
] as const;
