import { describe, expect, it } from 'vitest';
import { NewPasswordSchema } from '../schemas/auth';
import { loadPasswordEvaluator, passwordEvaluatorLoaded } from './password-policy';

describe('the password estimator, loaded on demand', () => {
  it('is not loaded by the schemas; once loaded, NewPasswordSchema applies the whole policy', async () => {
    expect(passwordEvaluatorLoaded()).toBe(false);
    // Before: the length rule only.
    expect(NewPasswordSchema.safeParse('motdepasse12').success).toBe(true);
    expect(NewPasswordSchema.safeParse('court').error?.issues[0]?.message).toContain(
      'au moins 12 caractères',
    );

    const [evaluate, again] = await Promise.all([loadPasswordEvaluator(), loadPasswordEvaluator()]);
    expect(again).toBe(evaluate);
    expect(passwordEvaluatorLoaded()).toBe(true);
    expect(NewPasswordSchema.safeParse('motdepasse12').error?.issues[0]?.message).toMatch(
      /trop facile à deviner/,
    );
    expect(NewPasswordSchema.safeParse('Tilleul-Ardoise-47').success).toBe(true);
    // With the user's own names.
    expect(evaluate('Zyxquorbet2026', ['Zyxquorbet']).ok).toBe(false);
  });
});
