/**
 * The password policy of SPEC §9 without its strength estimator: the limits, the score labels and
 * the length rule. Light enough for any schema or page; the estimator (zxcvbn-ts and its
 * dictionaries, about 500 kB compressed) lives in `./password`, which only the server and the
 * password forms' meter (loaded on demand) import.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_SCORE = 3;
/** Longest password the sign-in form accepts (the policy allows 64; a margin for old accounts). */
export const SIGN_IN_PASSWORD_MAX_LENGTH = 128;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordEvaluation {
  ok: boolean;
  score: PasswordScore;
  /** French label of the score, for the meter. */
  label: string;
  /** Why the password is refused, in French, or null. */
  error: string | null;
  /** zxcvbn's French advice, at most two lines. */
  suggestions: string[];
}

export const PASSWORD_SCORE_LABELS: Record<PasswordScore, string> = {
  0: 'Très faible',
  1: 'Faible',
  2: 'Moyen',
  3: 'Fort',
  4: 'Très fort',
};

export const PASSWORD_REQUIRED = 'Choisissez un mot de passe';

/** The length rule (12 to 64 characters, counted as the user sees them), or null when met. */
export function passwordLengthError(password: string): string | null {
  const chars = [...password].length;
  if (chars === 0) return PASSWORD_REQUIRED;
  if (chars < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères (${chars} pour l’instant)`;
  }
  if (chars > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères`;
  }
  return null;
}

/**
 * The strength check, once `./password` (the estimator and its dictionaries) is loaded: it
 * registers itself on import. Neither the server nor a page loads it at start (about 12 MB of
 * memory on the server, 500 kB compressed in a browser): the server calls
 * `loadPasswordEvaluator()` before it validates a request that chooses a password, so that its
 * schemas apply the whole policy from the first such request on; a web page that shows a password
 * form loads it after the form is shown, and its schemas judge the strength from then on (the
 * length rule only before).
 */
export type PasswordEvaluator = (password: string, userInputs?: string[]) => PasswordEvaluation;
let evaluator: PasswordEvaluator | null = null;
export function registerPasswordEvaluator(evaluate: PasswordEvaluator) {
  evaluator = evaluate;
}

/** Whether the estimator and its dictionaries are loaded (by `loadPasswordEvaluator` or an import). */
export function passwordEvaluatorLoaded(): boolean {
  return evaluator !== null;
}

let loading: Promise<PasswordEvaluator> | null = null;
/**
 * The estimator with its dictionaries, loaded on the first call (the one place that loads them on
 * demand); from then on `NewPasswordSchema` applies the whole policy.
 */
export function loadPasswordEvaluator(): Promise<PasswordEvaluator> {
  if (evaluator) return Promise.resolve(evaluator);
  loading ??= import('./password').then((m) => m.evaluatePassword);
  return loading;
}

/** Why a new password is refused: the whole policy once the estimator is loaded, else its length. */
export function newPasswordError(password: string): string | null {
  return evaluator ? evaluator(password).error : passwordLengthError(password);
}
