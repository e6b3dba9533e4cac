import { describe, expect, it } from 'vitest';
import { groupSecret } from './totp-setup-modal';
import { recoveryCodesText } from './recovery-codes';

describe('recovery codes', () => {
  it('writes a text file with every code on its own line', () => {
    const text = recoveryCodesText(
      ['4f2a9-c81d0', 'a1b2c-d3e4f'],
      'Mutuelle Horizon',
      new Date(2026, 0, 5),
    );
    expect(text).toContain('Codes de secours — Mutuelle Horizon');
    expect(text).toContain('05/01/2026');
    expect(text.split('\r\n')).toEqual(expect.arrayContaining(['4f2a9-c81d0', 'a1b2c-d3e4f']));
  });

  it('groups the secret by four for manual entry', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});
