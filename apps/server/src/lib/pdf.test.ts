import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../test/pdf-text';
import { renderPdf } from './pdf';

describe('renderPdf', () => {
  it('writes French text, characters outside WinAnsi and long content over several pages', async () => {
    const long =
      'Les garanties « frais de santé » s’appliquent dès l’embauche, œuvre comprise – 100 € ';
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

describe('renderPdf text outside Windows-1252', () => {
  it('embeds a Unicode font: « Łukasz Ștefan Nguyễn-Wójcik » reads back intact, font subset', async () => {
    const name = 'Łukasz Ștefan Nguyễn-Wójcik';
    const bytes = await renderPdf(
      {
        title: `Bulletin de ${name}`,
        subtitle: `Complété en ligne par ${name}`,
        blocks: [
          { kind: 'heading', text: 'Salarié' },
          { kind: 'paragraph', text: `Nom : ${name} – « œuvre » 100 €` },
          { kind: 'bullets', items: [name] },
          {
            kind: 'table',
            columns: [
              { title: 'Rubrique', width: 2 },
              { title: 'Valeur', width: 3 },
            ],
            rows: [['Prénom', name]],
          },
          { kind: 'fields', labels: [`Signature de ${name}`] },
        ],
      },
      { brandName: 'Mutuelle Ŵ Prévoyance', primaryColor: '#1d4f91' },
      new Date('2026-03-02T09:00:00.000Z'),
    );
    const text = await extractPdfText(bytes);
    expect(text).toContain(`Complété en ligne par ${name}`);
    expect(text).toContain(`Nom : ${name} – « œuvre » 100 €`);
    expect(text).toContain(name);
    expect(text).toContain(`Signature de ${name}`);
    expect(text).toContain('Mutuelle Ŵ Prévoyance');
    expect(text.join('\n')).not.toContain('?');
    // Subset: only the glyphs used, far below the full DejaVu Sans (≈ 740 kB).
    expect(bytes.length).toBeLessThan(80_000);
  });
});
