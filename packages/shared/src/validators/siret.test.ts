import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatSiren,
  formatSiret,
  isValidSiren,
  isValidSiret,
  luhnCheckDigit,
  luhnValid,
  parseSiren,
  parseSiret,
  sirenOfSiret,
} from './siret';

const digitString = (minLength: number, maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength, maxLength }).map((a) => a.join(''));

/** A SIRET whose SIREN is not La Poste's nor one digit away from it, nor all zeros. */
const nonLaPosteSiret = digitString(13, 13)
  .filter((partial) => {
    if (partial.startsWith('000000000')) return false;
    let differences = 0;
    for (let i = 0; i < 9; i += 1) if (partial[i] !== '356000000'[i]) differences += 1;
    return differences > 1;
  })
  .map((partial) => partial + luhnCheckDigit(partial));

/** Every string obtained by replacing one digit of `s` with another digit. */
function singleDigitChanges(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 1) {
    for (const d of '0123456789') {
      if (d !== s[i]) out.push(s.slice(0, i) + d + s.slice(i + 1));
    }
  }
  return out;
}

describe('Luhn', () => {
  it('accepts and rejects known values', () => {
    expect(luhnValid('732829320')).toBe(true);
    expect(luhnValid('732829321')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });

  it('computes the check digit to append', () => {
    expect(luhnCheckDigit('73282932')).toBe('0');
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(() => luhnCheckDigit('12 3')).toThrow();
  });

  it('round-trips: partial + check digit passes, any other last digit fails', () => {
    fc.assert(
      fc.property(digitString(0, 30), (partial) => {
        const check = luhnCheckDigit(partial);
        expect(check).toMatch(/^\d$/);
        expect(luhnValid(partial + check)).toBe(true);
        for (const d of '0123456789') {
          if (d !== check) expect(luhnValid(partial + d)).toBe(false);
        }
      }),
    );
  });
});

describe('SIRET and SIREN', () => {
  it.each(['73282932000074', '35600000000048', '35600000009075'])('%s is valid (SPEC §10)', (v) => {
    expect(isValidSiret(v)).toBe(true);
    expect(parseSiret(v)).toEqual({ ok: true, value: v });
  });

  it.each(['73282932000079', '35600000009090'])('%s is invalid (SPEC §10)', (v) => {
    expect(isValidSiret(v)).toBe(false);
    expect(parseSiret(v)).toEqual({ ok: false, error: 'Ce numéro de SIRET n’est pas valide' });
  });

  it('accepts any La Poste SIRET whose digit sum is a multiple of 5', () => {
    fc.assert(
      fc.property(digitString(5, 5), (tail) => {
        const siret = `356000000${tail}`;
        const sum = [...siret].reduce((s, d) => s + Number(d), 0);
        if (sum % 5 === 0) expect(isValidSiret(siret)).toBe(true);
      }),
    );
  });

  it('does not extend the La Poste rule to other companies', () => {
    // Digit sum 40 (a multiple of 5), not Luhn-valid, another SIREN.
    const siret = '73282932000004';
    expect([...siret].reduce((s, d) => s + Number(d), 0) % 5).toBe(0);
    expect(luhnValid(siret)).toBe(false);
    expect(isValidSiret(siret)).toBe(false);
  });

  it('rejects any single-digit change of a valid SIRET', () => {
    fc.assert(
      fc.property(nonLaPosteSiret, (siret) => {
        expect(isValidSiret(siret)).toBe(true);
        for (const changed of singleDigitChanges(siret)) expect(isValidSiret(changed)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('validates SIRENs', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('732 829 320')).toBe(false);
    fc.assert(
      fc.property(
        digitString(8, 8).filter((partial) => partial !== '00000000'),
        (partial) => {
          const siren = partial + luhnCheckDigit(partial);
          expect(isValidSiren(siren)).toBe(true);
          for (const changed of singleDigitChanges(siren))
            expect(isValidSiren(changed)).toBe(false);
        },
      ),
    );
  });

  it('refuses all-zero numbers, which pass Luhn (issue 14 #12)', () => {
    expect(isValidSiren('000000000')).toBe(false);
    expect(isValidSiret('00000000000000')).toBe(false);
    // A SIRET carries its company's SIREN: a zero SIREN is no company, whatever the NIC.
    expect(isValidSiret('00000000000018')).toBe(false);
    expect(parseSiren('000 000 000')).toEqual({
      ok: false,
      error: 'Ce numéro de SIREN n’est pas valide',
    });
    expect(parseSiret('000 000 000 00000')).toEqual({
      ok: false,
      error: 'Ce numéro de SIRET n’est pas valide',
    });
  });

  it('gives the SIREN of a SIRET', () => {
    expect(sirenOfSiret('73282932000074')).toBe('732829320');
    expect(sirenOfSiret('732 829 320 00074')).toBe('732829320');
  });
});

describe('parseSiret', () => {
  it('normalises spaces, non-breaking spaces, dots and dashes', () => {
    for (const input of [
      ' 732 829 320 00074 ',
      '732\u00a0829\u00a0320\u00a000074',
      '732\u202f829\u202f320\u202f00074',
      '732.829.320.00074',
      '732-829-320-00074',
      '\t73282932000074\t',
    ]) {
      expect(parseSiret(input)).toEqual({ ok: true, value: '73282932000074' });
    }
  });

  it.each(['3,56E+13', '3.56e13', '3,56E13', '3.5600000000005E+13', ' 7,32829E+13 '])(
    'reports the scientific notation of %s',
    (input) => {
      expect(parseSiret(input)).toEqual({
        ok: false,
        error:
          'Ce SIRET a été converti en notation scientifique par le tableur : saisissez-le comme du texte',
      });
    },
  );

  it('reports the wrong length, non-digits and empty input', () => {
    expect(parseSiret('7328293200007')).toEqual({
      ok: false,
      error: 'Le SIRET doit comporter 14 chiffres',
    });
    expect(parseSiret('732829320000741')).toEqual({
      ok: false,
      error: 'Le SIRET doit comporter 14 chiffres',
    });
    expect(parseSiret('7328293200007A')).toEqual({
      ok: false,
      error: 'Le SIRET ne doit contenir que des chiffres',
    });
    expect(parseSiret('  ')).toEqual({ ok: false, error: 'Saisissez le numéro de SIRET' });
  });
});

describe('parseSiren', () => {
  it('parses and reports errors', () => {
    expect(parseSiren('732 829 320')).toEqual({ ok: true, value: '732829320' });
    expect(parseSiren('732829321')).toEqual({
      ok: false,
      error: 'Ce numéro de SIREN n’est pas valide',
    });
    expect(parseSiren('73282932')).toEqual({
      ok: false,
      error: 'Le SIREN doit comporter 9 chiffres',
    });
    expect(parseSiren('7,32829E+8')).toMatchObject({ ok: false });
    expect(parseSiren('ABC')).toEqual({
      ok: false,
      error: 'Le SIREN ne doit contenir que des chiffres',
    });
  });
});

describe('formatSiren / formatSiret (one grouping everywhere, issue 14 #22)', () => {
  it('groups a SIREN by threes and a SIRET as SIREN then NIC', () => {
    expect(formatSiren('732829320')).toBe('732 829 320');
    expect(formatSiret('35600000000048')).toBe('356 000 000 00048');
  });
  it('leaves anything else as it is', () => {
    expect(formatSiren('73282932')).toBe('73282932');
    expect(formatSiret('356 000 000 00048')).toBe('356 000 000 00048');
  });
});
