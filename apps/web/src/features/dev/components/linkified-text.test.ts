import { describe, expect, it } from 'vitest';
import { splitLinks } from './linkified-text';

describe('splitLinks', () => {
  it('finds http and https links and leaves the sentence punctuation out', () => {
    expect(splitLinks('Activez votre espace : https://x.fr/activer?token=a1. Merci !')).toEqual([
      { kind: 'text', value: 'Activez votre espace : ' },
      { kind: 'link', value: 'https://x.fr/activer?token=a1' },
      { kind: 'text', value: '. Merci !' },
    ]);
    expect(splitLinks('(voir http://localhost:3000/a)')).toEqual([
      { kind: 'text', value: '(voir ' },
      { kind: 'link', value: 'http://localhost:3000/a' },
      { kind: 'text', value: ')' },
    ]);
  });

  it('keeps a text without links whole, line breaks included', () => {
    expect(splitLinks('Votre code : 123456\nIl expire dans 5 minutes.')).toEqual([
      { kind: 'text', value: 'Votre code : 123456\nIl expire dans 5 minutes.' },
    ]);
  });

  it('does not take a javascript: or ftp address for a link', () => {
    expect(splitLinks('javascript:alert(1) ftp://x')).toEqual([
      { kind: 'text', value: 'javascript:alert(1) ftp://x' },
    ]);
  });
});
