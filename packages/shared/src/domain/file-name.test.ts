import { describe, expect, it } from 'vitest';
import { fileSlug, frenchFileName } from './file-name';

describe('French download names (issue 14 #22)', () => {
  it('slugifies a French title: accents stripped, joining words left out', () => {
    expect(frenchFileName('Résumé des garanties - Cadres', 'pdf')).toBe(
      'resume-garanties-cadres.pdf',
    );
    expect(fileSlug('Notice d’information')).toBe('notice-information');
    expect(fileSlug('Assurés et couvertures')).toBe('assures-couvertures');
    expect(fileSlug('Établissements')).toBe('etablissements');
    expect(fileSlug('« »')).toBe('document');
  });
});
