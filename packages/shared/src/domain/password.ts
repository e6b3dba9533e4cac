import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

/**
 * The password policy of SPEC §9 (ASVS 2.1, CNIL délibération 2022-100): 12 to 64 characters,
 * no composition rule, and a strength estimate (zxcvbn-ts with its lists of common passwords,
 * French and common words, keyboard patterns, dates) that must reach "strong" (score 3 of 4).
 * Shared by the live meter of every password form and by the server, which decides.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_SCORE = 3;

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
  const chars = [...password].length;
  if (chars === 0) {
    return {
      ok: false,
      score: 0,
      label: PASSWORD_SCORE_LABELS[0],
      error: 'Choisissez un mot de passe',
      suggestions: [],
    };
  }
  const result = zxcvbn().check(password.slice(0, 100), inputs);
  const score: PasswordScore = result.score;
  const suggestions = [result.feedback.warning, ...result.feedback.suggestions]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .slice(0, 2);
  let error: string | null = null;
  if (chars < PASSWORD_MIN_LENGTH) {
    error = `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères (${chars} pour l’instant)`;
  } else if (chars > PASSWORD_MAX_LENGTH) {
    error = `Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères`;
  } else if (score < PASSWORD_MIN_SCORE) {
    error =
      'Ce mot de passe est trop facile à deviner : allongez-le ou ajoutez des mots moins courants';
  }
  return { ok: error === null, score, label: PASSWORD_SCORE_LABELS[score], error, suggestions };
}
