import { z } from 'zod';
import { NewPasswordSchema } from './auth';

// Password creation from the invitation link (public pages).

/** GET /api/auth/invitation/:token */
export const InvitationCheckSchema = z.object({
  email: z.string(),
  firstName: z.string(),
  /** The terms of use to accept with the password. */
  termsVersionId: z.string().nullable(),
  /** 'staff': an account of the insurer's back office (signs in on /back-office/connexion). */
  kind: z.enum(['employer', 'staff']),
});

/** POST /api/auth/invitation/accept */
/** POST /api/auth/invitation/accept → { email } (then the user signs in, with an SMS code). */
export const AcceptInvitationRequestSchema = z.object({
  token: z.string().min(10).max(200),
  password: NewPasswordSchema,
  /** null only for a staff account while no terms of use are published (a new deployment). */
  termsVersionId: z.string().min(1).nullable(),
  acceptTerms: z.literal(true, {
    error: 'Vous devez accepter les conditions générales d’utilisation',
  }),
});
