import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './typed-date';

describe('parseTypedDate (the French date field, issue 14 #19)', () => {
  it('reads day first, with or without separators, and ISO', () => {
    expect(parseTypedDate('14/05/1990')).toBe('1990-05-14');
    expect(parseTypedDate('4/5/1990')).toBe('1990-05-04');
    expect(parseTypedDate('14051990')).toBe('1990-05-14');
    expect(parseTypedDate('1990-05-14')).toBe('1990-05-14');
  });

  it('waits for a whole, real date', () => {
    expect(parseTypedDate('14/05/19')).toBeNull();
    expect(parseTypedDate('31/02/2024')).toBeNull();
    expect(parseTypedDate('05/14/1990')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});
