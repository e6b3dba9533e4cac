import { describe, expect, it } from 'vitest';
import { checkFile } from './attachments-input';

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

describe('the browser check of a message attachment', () => {
  it('accepts the allowed formats up to 3 MB', () => {
    for (const name of ['a.pdf', 'b.JPG', 'c.jpeg', 'd.png', 'e.docx', 'f.xlsx', 'g.csv']) {
      expect(checkFile(file(name, 10))).toBeNull();
    }
    expect(checkFile(file('limite.pdf', 3 * 1024 * 1024))).toBeNull();
  });

  it('refuses 3 MB + 1 byte, an empty file and another format, in French', () => {
    expect(checkFile(file('gros.pdf', 3 * 1024 * 1024 + 1))).toBe('« gros.pdf » dépasse 3 Mo.');
    expect(checkFile(file('vide.pdf', 0))).toBe('« vide.pdf » est vide.');
    expect(checkFile(file('setup.exe', 10))).toMatch(/formats acceptés/);
  });
});
