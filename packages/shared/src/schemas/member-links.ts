import { z } from 'zod';
import { BENEFICIARY_ACTIONS } from '../domain/member-change';
import { MEMBER_CHANGE_STATUSES } from '../domain/member-change';
import { MEMBER_LINK_STATES } from '../domain/member-link';
import { EmailSchema } from '../validators/zod';
import { MemberBeneficiarySchema } from './member-changes';

// ---------------------------------------------------------------------------------------------
// The employee's link to declare their beneficiaries (issue 20). The employer sends it from the
// member's page (/api/members/:memberId/employee-link, within the perimeter: 404 outside it);
// the employee opens it (/api/member-link/:token/check, /unlock with the birth date, as the
// enrolment form), then declares a beneficiary added, removed or corrected
// (POST /api/member-link/:token/changes: the body of a beneficiary change of
// POST /api/members/:memberId/changes — schemas/member-changes.ts — and its proof).
// ---------------------------------------------------------------------------------------------

/** POST /api/members/:memberId/employee-link — « Envoyer un lien au salarié ». */
export const MemberLinkSendSchema = z.object({ email: EmailSchema });
export type MemberLinkSendInput = z.input<typeof MemberLinkSendSchema>;

/** The latest link sent to the member, as the employer sees it (never its token). */
export const MemberLinkSchema = z.object({
  id: z.string(),
  email: z.string(),
  state: z.enum(MEMBER_LINK_STATES),
  sentAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The last declaration the employee made through it. */
  lastUsedAt: z.string().nullable(),
});
export type MemberLinkView = z.output<typeof MemberLinkSchema>;

/** GET /api/members/:memberId/employee-link — the latest link, if one was ever sent. */
export const MemberLinkStatusSchema = z.object({ link: MemberLinkSchema.nullable() });

/** GET /api/member-link/:token/check — the link opens (404/410 otherwise). */
export const MemberLinkCheckSchema = z.object({
  valid: z.literal(true),
  /** This browser confirmed the birth date: the page opens without asking it again. */
  unlocked: z.boolean(),
});

/** A change the employee or the employer declared, still waiting for the insurer or a correction. */
const PendingBeneficiaryChangeSchema = z.object({
  id: z.string(),
  status: z.enum(MEMBER_CHANGE_STATUSES),
  action: z.enum(BENEFICIARY_ACTIONS),
  lastName: z.string(),
  firstName: z.string(),
  createdAt: z.string(),
});

/** GET /api/member-link/:token — what the employee sees once the birth date is confirmed. */
export const MemberLinkPageSchema = z.object({
  member: z.object({ firstName: z.string(), lastName: z.string() }),
  companyName: z.string(),
  expiresAt: z.string(),
  /** Covered today or later. */
  beneficiaries: z.array(MemberBeneficiarySchema),
  /** The beneficiary changes waiting (one at a time: a new one waits for the insurer). */
  pending: z.array(PendingBeneficiaryChangeSchema),
});
export type MemberLinkPage = z.output<typeof MemberLinkPageSchema>;

/** POST /api/member-link/:token/changes — what the employee gets back. */
export const MemberLinkDeclaredSchema = z.object({ id: z.string(), status: z.literal('sent') });
