import { describe, expect, it } from 'vitest';
import { formatIban, parseBic, parseIban } from './bank';

const IBAN = 'FR7630006000011234567890189';

describe('parseIban', () => {
  it('accepts a valid IBAN with spaces or in lower case', () => {
    expect(parseIban('FR76 3000 6000 0112 3456 7890 189')).toEqual({ ok: true, value: IBAN });
    expect(parseIban(' fr76 3000 6000 0112 3456 7890 189 ')).toEqual({ ok: true, value: IBAN });
    expect(parseIban('FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189')).toEqual({
      ok: true,
      value: IBAN,
    });
    expect(parseIban('IBAN : FR76 3000 6000 0112 3456 7890 189')).toEqual({
      ok: true,
      value: IBAN,
    });
    expect(parseIban('DE89 3704 0044 0532 0130 00')).toEqual({
      ok: true,
      value: 'DE89370400440532013000',
    });
  });

  it('rejects an IBAN with one digit changed', () => {
    expect(parseIban('FR76 3000 6000 0112 3456 7890 188')).toEqual({
      ok: false,
      error: 'Cet IBAN n’est pas valide : vérifiez-le sur votre RIB',
    });
    expect(parseIban('FR77 3000 6000 0112 3456 7890 189')).toMatchObject({ ok: false });
    for (let i = 4; i < IBAN.length; i += 1) {
      const changed = IBAN.slice(0, i) + String((Number(IBAN[i]) + 1) % 10) + IBAN.slice(i + 1);
      expect(parseIban(changed).ok).toBe(false);
    }
  });

  it('explains other errors', () => {
    expect(parseIban('')).toEqual({ ok: false, error: 'Saisissez l’IBAN' });
    expect(parseIban('FR76 3000 6000 0112 3456 7890 18')).toEqual({
      ok: false,
      error: 'L’IBAN doit comporter 27 caractères pour ce pays',
    });
    expect(parseIban('XX76 3000 6000 0112 3456 7890 189')).toEqual({
      ok: false,
      error: 'Le code pays de l’IBAN n’est pas reconnu',
    });
    expect(parseIban('FR76 3000 6000 0112 3456 7890 18#')).toEqual({
      ok: false,
      error: 'L’IBAN ne doit contenir que des lettres et des chiffres',
    });
  });
});

describe('parseBic', () => {
  it('accepts 8 and 11 character BICs', () => {
    expect(parseBic('BNPAFRPPXXX')).toEqual({ ok: true, value: 'BNPAFRPPXXX' });
    expect(parseBic('BNPAFRPP')).toEqual({ ok: true, value: 'BNPAFRPP' });
    expect(parseBic(' bnpa frpp ')).toEqual({ ok: true, value: 'BNPAFRPP' });
  });

  it('rejects malformed BICs', () => {
    expect(parseBic('BNPA')).toEqual({
      ok: false,
      error: 'Le BIC doit comporter 8 ou 11 caractères',
    });
    expect(parseBic('BNPAXXPP')).toEqual({
      ok: false,
      error: 'Le code pays du BIC n’est pas reconnu',
    });
    expect(parseBic('1NPAFRPP')).toEqual({ ok: false, error: 'Ce BIC n’est pas valide' });
    expect(parseBic('BNPAFRPP#XX')).toEqual({ ok: false, error: 'Ce BIC n’est pas valide' });
    expect(parseBic('')).toEqual({ ok: false, error: 'Saisissez le BIC' });
  });
});

describe('formatIban', () => {
  it('groups by 4', () => {
    expect(formatIban(IBAN)).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatIban('fr76 30006000 0112 3456 7890 189')).toBe(
      'FR76 3000 6000 0112 3456 7890 189',
    );
  });
});
