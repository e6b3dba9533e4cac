import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf';

describe('renderPdf', () => {
  it('writes French text, characters outside WinAnsi and long content over several pages', async () => {
    const long =
      'Les garanties « frais de santé » s’appliquent dès l’embauche, œuvre comprise – 100 € ';
    const bytes = await renderPdf(
      {
        title: 'Résumé des garanties',
        subtitle: 'Plafond ≥ 50\u202f% → ✓ 😀',
        blocks: [
          { kind: 'heading', text: 'Première partie' },
          ...Array.from({ length: 40 }, () => ({
            kind: 'paragraph' as const,
            text: `${long.repeat(4)}\nDeuxième ligne.`,
          })),
          { kind: 'bullets', items: ['Un', 'Deux'] },
          {
            kind: 'table',
            columns: [
              { title: 'A', width: 1 },
              { title: 'B', width: 2 },
            ],
            rows: [['1', 'deux mots']],
          },
          { kind: 'fields', labels: ['Nom :', 'Prénom :'] },
        ],
      },
      { brandName: 'Mutuelle Horizon Prévoyance', primaryColor: '#1d4f91' },
      new Date('2026-03-02T09:00:00.000Z'),
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expect(pdf.getTitle()).toBe('Résumé des garanties');
    expect(pdf.getAuthor()).toBe('Mutuelle Horizon Prévoyance');
  });
});
