import { z } from 'zod';
import { STAFF_ROLES, USER_STATUSES } from '../domain/enums';
import { MobilePhoneSchema } from '../validators/zod-phone';
import { staffRequestSchemas } from './staff-requests';

// ---------------------------------------------------------------------------------------------
// « Équipe de l'assureur » (SPEC §2, §6): the insurer's staff accounts, « Gestionnaire » or
// « Administrateur back-office ». Routes under /api/backoffice/staff; reading is open to every
// staff member, changes to back-office administrators only.
// ---------------------------------------------------------------------------------------------

export const { InviteStaffRequestSchema, UpdateStaffRequestSchema } =
  staffRequestSchemas(MobilePhoneSchema);
export type InviteStaffRequest = z.input<typeof InviteStaffRequestSchema>;
export type UpdateStaffRequest = z.input<typeof UpdateStaffRequestSchema>;

export const StaffMemberSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** E.164, or null until the person gives it at their first sign-in. */
  mobilePhone: z.string().nullable(),
  role: z.enum(STAFF_ROLES),
  status: z.enum(USER_STATUSES),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  /** The caller themself. */
  isSelf: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** GET /api/backoffice/staff?status=&q= */
export const StaffListQuerySchema = z.object({
  status: z.enum(USER_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

export const StaffListSchema = z.object({ items: z.array(StaffMemberSchema) });
export type StaffList = z.infer<typeof StaffListSchema>;

export const STAFF_ERROR_CODES = [
  'email_taken', // the address is already used by an account (staff or employer)
  'last_staff_administrator', // the back office keeps one active administrator
  'self_action', // nobody suspends or deactivates themself
  'user_not_invited', // the link is for accounts that have not created their password
  'user_not_suspended', // only a suspended account is reactivated
  'user_suspended', // already suspended
  'user_deactivated', // a permanently deactivated account cannot be changed
  'identity_locked', // email/mobile of an account that created its password
] as const;

// GET /api/backoffice/overview — « Espace assureur »: the work queues.
export const BackofficeOverviewSchema = z.object({
  /** Enrolments finalised by the employee, to validate (« À valider »). */
  affiliationsToValidate: z.number().int(),
  /** Paper BIAs not received yet (« Courriers attendus »). */
  paperFormsExpected: z.number().int(),
  /** Conversations « envoyé » (new) or holding messages the insurer has not read. */
  messagesToAnswer: z.number().int(),
  /** Documents in draft, to publish. */
  documentsDraft: z.number().int(),
  /** Requests of dispense d'affiliation waiting for the insurer (« Dispenses à vérifier »). */
  dispensesToCheck: z.number().int(),
});
export type BackofficeOverview = z.infer<typeof BackofficeOverviewSchema>;
