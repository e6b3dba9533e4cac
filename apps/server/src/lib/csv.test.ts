import { describe, expect, it } from 'vitest';
import { csvLines } from './csv';

describe('csvLines: CSV for French Excel (issue 16: one writer, csv-stringify)', () => {
  it('separates with ;, ends lines with CRLF, quotes what needs it', () => {
    expect(
      csvLines([
        ['Ligne', 'Détail'],
        ['2', 'a;b'],
        ['3', 'dit "oui"'],
        ['4', 'deux\nlignes'],
      ]),
    ).toBe('Ligne;Détail\r\n2;"a;b"\r\n3;"dit ""oui"""\r\n4;"deux\nlignes"\r\n');
    expect(csvLines([['retour\rchariot', '']])).toBe('"retour\rchariot";\r\n');
    expect(csvLines([])).toBe('');
  });

  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvLines([['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', 'a=b']])).toBe(
      "'=1+1;'+33 6;'-2;'@SUM(A1);'\tx;a=b\r\n",
    );
  });
});
