import { describe, expect, it } from 'vitest';
import { parseMarkdownBlocks, stripInlineMarkers } from './markdown-blocks';

describe('parseMarkdownBlocks', () => {
  it('reads headings, paragraphs, emphasis lines and lists', () => {
    const blocks = parseMarkdownBlocks(
      [
        '# Conditions générales',
        '',
        '*Version 2026-01*',
        '',
        '## 1. Objet',
        'Les présentes conditions',
        'encadrent l’utilisation de **l’espace**.',
        '- un',
        '- deux',
        '',
        'Fin.',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Conditions générales' },
      { kind: 'paragraph', text: 'Version 2026-01', emphasis: true },
      { kind: 'heading', level: 2, text: '1. Objet' },
      {
        kind: 'paragraph',
        text: 'Les présentes conditions encadrent l’utilisation de l’espace.',
        emphasis: false,
      },
      { kind: 'list', items: ['un', 'deux'] },
      { kind: 'paragraph', text: 'Fin.', emphasis: false },
    ]);
  });

  it('keeps markup as text', () => {
    expect(parseMarkdownBlocks('<script>alert(1)</script>')).toEqual([
      { kind: 'paragraph', text: '<script>alert(1)</script>', emphasis: false },
    ]);
  });

  it('leaves a lone asterisk or an underscore inside a word alone', () => {
    expect(stripInlineMarkers('5 * 3 = 15')).toBe('5 * 3 = 15');
    expect(stripInlineMarkers('dpo_mutuelle@exemple.fr')).toBe('dpo_mutuelle@exemple.fr');
  });
});
