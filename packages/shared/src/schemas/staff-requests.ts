import { z } from 'zod';
import type { MobilePhoneSchema } from '../validators/zod-phone';
import { STAFF_ROLES } from '../domain/enums';
import { EmailSchema } from '../validators/zod';
import { requiredName } from './fields';

const StaffRoleSchema = z.enum(STAFF_ROLES, { error: 'Choisissez un rôle' });

/**
 * « Ajouter / Modifier un membre de l'équipe » (schemas/staff.ts), given the mobile number's
 * schema: the API's, with libphonenumber (validators/zod-phone.ts), or the back office's form's,
 * whose check loads when the form is filled (apps/web/src/lib/mobile-phone.ts) — the same rule.
 */
export function staffRequestSchemas(mobilePhone: typeof MobilePhoneSchema) {
  /**
   * The mobile of the second factor: optional (an empty field is null) — without it, the person
   * gives their number at their first sign-in, before the SMS code is sent.
   */
  const OptionalMobileSchema = z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    mobilePhone.nullable(),
  );

  /** POST /api/backoffice/staff — « Ajouter un membre de l'équipe ». */
  const InviteStaffRequestSchema = z.object({
    lastName: requiredName,
    firstName: requiredName,
    email: EmailSchema,
    mobilePhone: OptionalMobileSchema.default(null),
    role: StaffRoleSchema,
  });

  /**
   * PATCH /api/backoffice/staff/:id — names and role; the email and the mobile only while the
   * account is « invité » (afterwards they are the person's sign-in and second factor).
   */
  const UpdateStaffRequestSchema = z.object({
    lastName: requiredName,
    firstName: requiredName,
    role: StaffRoleSchema,
    email: EmailSchema.optional(),
    mobilePhone: OptionalMobileSchema.optional(),
  });

  return { InviteStaffRequestSchema, UpdateStaffRequestSchema };
}
