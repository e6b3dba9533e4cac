import { describe, expect, it } from 'vitest';
import { maskPhone, parseMobilePhone } from './phone';

describe('parseMobilePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 7 12 34 56 78', '+33712345678'],
    ['07 81 23 45 67', '+33781234567'],
    ['\u00a006\u00a012\u00a034\u00a056\u00a078 ', '+33612345678'],
  ])('accepts the French mobile %s', (input, e164) => {
    expect(parseMobilePhone(input)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    '01 23 45 67 89',
    '02 98 76 54 32',
    '05 56 00 00 00',
    '09 12 34 56 78',
    '+33 1 23 45 67 89',
  ])('rejects the French fixed line %s', (input) => {
    expect(parseMobilePhone(input)).toEqual({
      ok: false,
      error: 'Saisissez un numéro de téléphone mobile',
    });
  });

  it('accepts international mobiles in E.164', () => {
    expect(parseMobilePhone('+44 7911 123456')).toEqual({ ok: true, value: '+447911123456' });
    expect(parseMobilePhone('+49 151 23456789')).toEqual({ ok: true, value: '+4915123456789' });
    expect(parseMobilePhone('0049 151 23456789')).toEqual({ ok: true, value: '+4915123456789' });
    expect(parseMobilePhone('+1 415 555 2671')).toEqual({ ok: true, value: '+14155552671' });
  });

  it('rejects international fixed lines where the type is known', () => {
    expect(parseMobilePhone('+44 20 7946 0958')).toEqual({
      ok: false,
      error: 'Saisissez un numéro de téléphone mobile',
    });
  });

  it('rejects malformed numbers', () => {
    for (const input of [
      '06 12 34 56',
      '06 12 34 56 78 9',
      '0612345678x',
      'abc',
      '+44 12',
      '+999 1234',
    ]) {
      expect(parseMobilePhone(input)).toEqual({
        ok: false,
        error: 'Ce numéro de téléphone n’est pas valide',
      });
    }
    expect(parseMobilePhone('')).toEqual({
      ok: false,
      error: 'Saisissez un numéro de téléphone mobile',
    });
  });
});

describe('maskPhone', () => {
  it('keeps the country code, the first digit and the last two', () => {
    expect(maskPhone('+33612345678')).toBe('+33 6 •• •• •• 78');
    expect(maskPhone('+447911123456')).toBe('+44 7••• ••••56');
    expect(maskPhone('garbage')).toBe('••••');
  });
});
