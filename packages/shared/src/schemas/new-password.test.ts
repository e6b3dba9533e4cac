import { describe, expect, it } from 'vitest';
import { NewPasswordSchema } from './auth';

/*
 * Issue 15: the schema no longer imports the estimator (its dictionaries weigh 500 kB compressed
 * on every page that imports a schema); the estimator registers itself when it is loaded.
 */
describe('NewPasswordSchema', () => {
  it('checks the length before the estimator is loaded, then the whole policy', async () => {
    const tooShort = NewPasswordSchema.safeParse('court');
    expect(tooShort.error?.issues[0]?.message).toContain('au moins 12 caractères');
    expect(NewPasswordSchema.safeParse('motdepasse12').success).toBe(true);

    await import('../domain/password');
    const weak = NewPasswordSchema.safeParse('motdepasse12');
    expect(weak.error?.issues[0]?.message).toContain('trop facile à deviner');
    expect(NewPasswordSchema.safeParse('Tilleul-Ardoise-47').success).toBe(true);
  });
});
