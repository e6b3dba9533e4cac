import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeNirKey, formatNir, nirBirthDateWarning, parseNir } from './nir';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Key computed independently of the implementation, with BigInt. */
const referenceKey = (digits13: string) => pad(Number(97n - (BigInt(digits13) % 97n)), 2);

/** Any 13-character NIR with a valid sex, month and department. */
const nir13 = fc
  .record({
    sex: fc.constantFrom('1', '2', '3', '4', '7', '8'),
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.oneof(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 20, max: 42 }),
      fc.integer({ min: 50, max: 99 }),
    ),
    department: fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((d) => pad(d, 2)),
      fc.constantFrom('2A', '2B'),
    ),
    commune: fc.integer({ min: 0, max: 999 }),
    order: fc.integer({ min: 0, max: 999 }),
  })
  .map(
    (p) =>
      `${p.sex}${pad(p.year, 2)}${pad(p.month, 2)}${p.department}${pad(p.commune, 3)}${pad(p.order, 3)}`,
  );

describe('computeNirKey', () => {
  it('computes the key of a known number', () => {
    // The sample number of the French administration: 2 69 05 49 588 157 80.
    expect(computeNirKey('2690549588157')).toBe('80');
  });

  it('pads the key to 2 digits and stays within 01–97', () => {
    fc.assert(
      fc.property(nir13, (nir) => {
        const key = computeNirKey(nir);
        expect(key).toMatch(/^\d{2}$/);
        expect(Number(key)).toBeGreaterThanOrEqual(1);
        expect(Number(key)).toBeLessThanOrEqual(97);
      }),
    );
  });

  it('agrees with a BigInt computation for numeric departments', () => {
    fc.assert(
      fc.property(nir13, (nir) => {
        if (!/[AB]/.test(nir)) expect(computeNirKey(nir)).toBe(referenceKey(nir));
      }),
    );
  });

  it('reads 2A as 19 and 2B as 18 (Corsica)', () => {
    // Born in August 1955 in Corse-du-Sud (2A), commune 004, order 005.
    const corsica = '155082A004005';
    const key = referenceKey('1550819004005');
    expect(computeNirKey(corsica)).toBe(key);
    expect(computeNirKey('155082a004005')).toBe(key);
    expect(parseNir(`${corsica}${key}`)).toEqual({
      ok: true,
      value: corsica,
      key,
      temporary: false,
    });
    // Wrong substitutions: 2A read as 20, or as 18 (the rule of 2B).
    for (const wrong of [referenceKey('1550820004005'), referenceKey('1550818004005')]) {
      expect(wrong).not.toBe(key);
      expect(parseNir(`${corsica}${wrong}`)).toEqual({
        ok: false,
        error: 'La clé du numéro de sécurité sociale ne correspond pas',
      });
    }

    const haute = '262122B033044';
    const hauteKey = referenceKey('2621218033044');
    expect(computeNirKey(haute)).toBe(hauteKey);
    expect(parseNir(`${haute}${hauteKey}`).ok).toBe(true);
    expect(parseNir(`${haute}${referenceKey('2621219033044')}`).ok).toBe(false);
  });

  it('refuses a malformed number', () => {
    expect(() => computeNirKey('12345')).toThrow();
    expect(() => computeNirKey('155082C004005')).toThrow();
  });
});

describe('parseNir', () => {
  it('accepts any well-formed number followed by its computed key', () => {
    fc.assert(
      fc.property(nir13, (nir) => {
        const key = computeNirKey(nir);
        const result = parseNir(`${nir}${key}`);
        expect(result).toEqual({
          ok: true,
          value: nir,
          key,
          temporary: ['3', '4', '7', '8'].includes(nir.charAt(0)),
        });
      }),
    );
  });

  it('rejects any single-character change of a valid 15-character number', () => {
    fc.assert(
      fc.property(nir13, (nir) => {
        const full = `${nir}${computeNirKey(nir)}`;
        for (let i = 0; i < full.length; i += 1) {
          for (const c of '0123456789AB') {
            if (c === full[i]) continue;
            const changed = full.slice(0, i) + c + full.slice(i + 1);
            expect(parseNir(changed).ok, changed).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('accepts 13 characters without key, with spaces, in lower case', () => {
    expect(parseNir('2 69 05 49 588 157')).toEqual({
      ok: true,
      value: '2690549588157',
      temporary: false,
    });
    expect(parseNir('2 69 05 49 588 157 80')).toEqual({
      ok: true,
      value: '2690549588157',
      key: '80',
      temporary: false,
    });
    expect(parseNir('1 55 08 2a 004 005')).toMatchObject({ ok: true, value: '155082A004005' });
    expect(parseNir('2.69.05.49.588.157')).toMatchObject({ ok: true });
    expect(parseNir('2\u00a069\u00a005 49 588 157')).toMatchObject({ ok: true });
  });

  it('checks the key', () => {
    expect(parseNir('269054958815781')).toEqual({
      ok: false,
      error: 'La clé du numéro de sécurité sociale ne correspond pas',
    });
    expect(parseNir('269054958815700')).toMatchObject({ ok: false });
  });

  it('checks the length', () => {
    for (const input of ['269054958815', '26905495881578', '2690549588157801']) {
      expect(parseNir(input)).toEqual({
        ok: false,
        error: 'Le numéro de sécurité sociale doit comporter 13 caractères (ou 15 avec la clé)',
      });
    }
    expect(parseNir('')).toEqual({ ok: false, error: 'Saisissez le numéro de sécurité sociale' });
  });

  it('checks the characters, the sex and the month', () => {
    expect(parseNir('26905X9588157')).toMatchObject({ ok: false });
    expect(parseNir('2690549588A57')).toMatchObject({ ok: false });
    expect(parseNir('5690549588157')).toMatchObject({ ok: false });
    expect(parseNir('0690549588157')).toMatchObject({ ok: false });
    for (const month of ['00', '13', '19', '43', '49']) {
      expect(parseNir(`269${month}49588157`)).toEqual({
        ok: false,
        error: 'Le mois de naissance du numéro de sécurité sociale n’est pas valide',
      });
    }
    for (const month of ['01', '12', '20', '42', '50', '99']) {
      expect(parseNir(`269${month}49588157`)).toMatchObject({ ok: true });
    }
  });

  it('accepts temporary numbers unless the insurer refuses them', () => {
    expect(parseNir('7690549588157')).toEqual({
      ok: true,
      value: '7690549588157',
      temporary: true,
    });
    expect(parseNir('8690549588157', { allowTemporary: true })).toMatchObject({
      ok: true,
      temporary: true,
    });
    expect(parseNir('7690549588157', { allowTemporary: false })).toEqual({
      ok: false,
      error: 'Les numéros de sécurité sociale provisoires ne sont pas acceptés',
    });
    expect(parseNir('3690549588157', { allowTemporary: false })).toMatchObject({ ok: false });
    expect(parseNir('1690549588157', { allowTemporary: false })).toMatchObject({
      ok: true,
      temporary: false,
    });
  });
});

describe('nirBirthDateWarning', () => {
  it('is silent when year and month agree', () => {
    expect(nirBirthDateWarning('2690549588157', '1969-05-12')).toBeNull();
    expect(nirBirthDateWarning('2690549588157', '2069-05-12')).toBeNull();
  });

  it('warns when the year or the month differs', () => {
    expect(nirBirthDateWarning('2690549588157', '1970-05-12')).toBe(
      'L’année de naissance du numéro de sécurité sociale ne correspond pas à la date de naissance',
    );
    expect(nirBirthDateWarning('2690549588157', '1969-06-12')).toBe(
      'Le mois de naissance du numéro de sécurité sociale ne correspond pas à la date de naissance',
    );
    expect(nirBirthDateWarning('2690549588157', '1970-06-12')).toBe(
      'L’année et le mois de naissance du numéro de sécurité sociale ne correspondent pas à la date de naissance',
    );
  });

  it('does not warn on the month when the month is unknown (20–42, 50–99)', () => {
    expect(nirBirthDateWarning('2693049588157', '1969-05-12')).toBeNull();
    expect(nirBirthDateWarning('2695549588157', '1969-11-12')).toBeNull();
    expect(nirBirthDateWarning('2693049588157', '1971-05-12')).not.toBeNull();
  });
});

describe('formatNir', () => {
  it('groups like a Vitale card', () => {
    expect(formatNir('1841275123456', '78')).toBe('1 84 12 75 123 456 78');
    expect(formatNir('1841275123456')).toBe('1 84 12 75 123 456');
    expect(formatNir('184127512345678')).toBe('1 84 12 75 123 456 78');
    expect(formatNir('155082A004005')).toBe('1 55 08 2A 004 005');
  });
});
