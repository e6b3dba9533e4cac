import { describe, expect, it } from 'vitest';
import { evaluatePassword } from './password';

describe('evaluatePassword', () => {
  it('accepts long, uncommon passphrases without composition rules', () => {
    expect(evaluatePassword('Tilleul-Ardoise-47').ok).toBe(true);
    expect(evaluatePassword('correct horse battery staple').ok).toBe(true);
  });

  it('refuses short passwords with the count of characters', () => {
    const r = evaluatePassword('Xq9!vT2#');
    expect(r.ok).toBe(false);
    expect(r.error).toContain('au moins 12 caractères (8');
  });

  it('refuses more than 64 characters', () => {
    expect(evaluatePassword('Ab3-'.repeat(17)).error).toContain('64');
  });

  it('refuses common passwords and keyboard patterns, with French advice', () => {
    for (const p of ['Password1234', 'azertyuiop12', 'motdepasse123']) {
      const r = evaluatePassword(p);
      expect(r.ok, p).toBe(false);
      expect(r.error).toMatch(/trop facile/);
    }
    expect(evaluatePassword('azertyuiop12').suggestions.join(' ')).toMatch(/clavier/);
  });
});
