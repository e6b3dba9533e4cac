import { z } from 'zod';
import { EmailSchema } from '../validators/zod';

/** Longest password the sign-in form accepts (the policy allows 64; a margin for old accounts). */
export const SIGN_IN_PASSWORD_MAX_LENGTH = 128;

/**
 * Sign-in (« Connexion à votre Espace Entreprise »): email + password. Shared by the web form and
 * the `POST /api/auth/sign-in` route; the messages are shown to the user as they are.
 *
 * The email is trimmed and lower-cased. Only the presence and the size of the password are
 * checked: the password policy applies when a password is chosen, not when it is typed to sign
 * in, and a wrong password gets the same answer as an unknown email (SPEC §4.2).
 */
export const SignInSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: 'Saisissez votre mot de passe' })
    .min(1, { error: 'Saisissez votre mot de passe' })
    .max(SIGN_IN_PASSWORD_MAX_LENGTH, {
      error: `Le mot de passe ne peut pas dépasser ${SIGN_IN_PASSWORD_MAX_LENGTH} caractères`,
    }),
});

export type SignIn = z.infer<typeof SignInSchema>;
