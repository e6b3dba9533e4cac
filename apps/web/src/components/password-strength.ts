/**
 * The password policy's evaluator (zxcvbn-ts with its French and common dictionaries, about
 * 500 kB compressed), loaded on demand by `PasswordField` so that it never weighs on the pages
 * that do not choose a password.
 */
export {
  evaluatePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@affilia/shared/domain/password';
