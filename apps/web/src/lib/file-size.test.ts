import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

/** The text with its narrow no-break spaces as plain spaces. */
const plain = (text: string) => text.replace(/\u202f|\u00a0/g, ' ');

describe('formatFileSize', () => {
  it('writes bytes, Ko, Mo and Go the French way', () => {
    expect(formatFileSize(0)).toBe('0 octet');
    expect(formatFileSize(1)).toBe('1 octet');
    expect(formatFileSize(512)).toBe('512 octets');
    expect(formatFileSize(1024)).toBe('1 Ko');
    expect(formatFileSize(1500)).toBe('1 Ko');
    expect(formatFileSize(48 * 1024 + 300)).toBe('48 Ko');
    expect(plain(formatFileSize(1023 * 1024))).toBe('1 023 Ko');
    expect(formatFileSize(1024 * 1024)).toBe('1 Mo');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1,3 Mo');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 Mo');
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3 Go');
  });

  it('gives an empty string for an unknown size', () => {
    expect(formatFileSize(null)).toBe('');
    expect(formatFileSize(undefined)).toBe('');
    expect(formatFileSize(-1)).toBe('');
    expect(formatFileSize(Number.NaN)).toBe('');
  });
});
