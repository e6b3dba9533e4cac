import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import type { PasswordEvaluation, PasswordScore } from './password-policy';
import {
  PASSWORD_MIN_SCORE,
  PASSWORD_REQUIRED,
  PASSWORD_SCORE_LABELS,
  passwordLengthError,
  registerPasswordEvaluator,
} from './password-policy';

export * from './password-policy';

/**
 * The password policy of SPEC §9 (ASVS 2.1, CNIL délibération 2022-100): 12 to 64 characters,
 * no composition rule, and a strength estimate (zxcvbn-ts with its lists of common passwords,
 * French and common words, keyboard patterns, dates) that must reach "strong" (score 3 of 4).
 * Used by the live meter of every password form (loaded after the form is shown) and by the
 * server, which decides (with the user's names). The zod schemas do not import it (no page
 * importing a schema carries the dictionaries): this module registers itself with
 * `./password-policy` when it is loaded.
 */

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return factory;
}

/**
 * Evaluates a password. `userInputs` are words the password must not lean on: the user's
 * names, email, company.
 */
export function evaluatePassword(password: string, userInputs: string[] = []): PasswordEvaluation {
  const inputs = userInputs
    .flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((s) => s.length >= 3);
  if (password.length === 0) {
    return {
      ok: false,
      score: 0,
      label: PASSWORD_SCORE_LABELS[0],
      error: PASSWORD_REQUIRED,
      suggestions: [],
    };
  }
  const result = zxcvbn().check(password.slice(0, 100), inputs);
  const score: PasswordScore = result.score;
  const suggestions = [result.feedback.warning, ...result.feedback.suggestions]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .slice(0, 2);
  let error = passwordLengthError(password);
  if (error === null && score < PASSWORD_MIN_SCORE) {
    error =
      'Ce mot de passe est trop facile à deviner : allongez-le ou ajoutez des mots moins courants';
  }
  return { ok: error === null, score, label: PASSWORD_SCORE_LABELS[score], error, suggestions };
}

// The zod schemas of a new password (schemas/auth.ts) judge the strength from now on.
registerPasswordEvaluator(evaluatePassword);
