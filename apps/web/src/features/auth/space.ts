import type { AuthSpace } from '@affilia/shared/schemas/auth';
import { paths } from '../../config/paths';

export type { AuthSpace };

/** The pages of each door: the employers' space and the insurer's back office. */
export const SPACE_PAGES = {
  employer: {
    signIn: paths.signIn,
    verification: paths.signInVerification,
    forgotPassword: paths.forgotPassword,
    home: paths.home,
  },
  backoffice: {
    signIn: paths.backOfficeSignIn,
    verification: paths.backOfficeSignInVerification,
    forgotPassword: paths.backOfficeForgotPassword,
    home: paths.backOffice,
  },
} as const satisfies Record<
  AuthSpace,
  { signIn: string; verification: string; forgotPassword: string; home: string }
>;

/** Why the user is sent back to the sign-in page: a notice explains it there. */
export const SIGN_IN_NOTICES = ['session_expired', 'attempt_expired', 'signed_out'] as const;
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number];

export const SIGN_IN_NOTICE_TEXT: Record<SignInNotice, string> = {
  session_expired: 'Votre session a expiré, reconnectez-vous.',
  attempt_expired:
    'Votre demande de connexion a expiré. Saisissez à nouveau votre adresse e-mail et votre mot de passe.',
  signed_out: 'Vous êtes déconnecté.',
};

/** The search parameters of the sign-in and security pages. */
export interface SignInSearch {
  /** The page to open after signing in (checked by `safeRedirect`). */
  redirect?: string;
  notice?: SignInNotice;
}

export function validateSignInSearch(search: Record<string, unknown>): SignInSearch {
  const result: SignInSearch = {};
  if (typeof search.redirect === 'string' && search.redirect.startsWith('/'))
    result.redirect = search.redirect;
  if (SIGN_IN_NOTICES.includes(search.notice as SignInNotice))
    result.notice = search.notice as SignInNotice;
  return result;
}
