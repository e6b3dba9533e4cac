import { describe, expect, it } from 'vitest';
import type { LetterTemplateAnswer } from '@affilia/shared/schemas/radiations';
import { pageText, renderPage } from '../../test/render-page';
import { LETTER_TEMPLATE_QUERY_KEY } from './api/use-letter-templates';
import { LetterTemplatesPanel } from './components/letter-templates-panel';

const TEMPLATE: LetterTemplateAnswer = {
  kind: 'radiation_notice',
  subject: 'Fin de votre couverture santé chez {{entreprise}}',
  body: 'Bonjour {{prenom}} {{nom}},\n\n{{portabilite}}\n\n{{evin}}',
  isDefault: true,
  updatedAt: null,
  placeholders: [
    { name: 'prenom', description: 'Le prénom du salarié' },
    { name: 'portabilite', description: 'Le paragraphe de la portabilité, calculé' },
  ],
};

const render = (template: LetterTemplateAnswer) =>
  renderPage(LetterTemplatesPanel, [
    [[...LETTER_TEMPLATE_QUERY_KEY, 'radiation_notice'], template],
  ]);

describe('« Modèles de courrier »', () => {
  it('shows the notice’s subject and body, the placeholders from the API, the preview and save', async () => {
    const html = await render(TEMPLATE);
    const text = pageText(html);
    expect(html).toContain('value="Fin de votre couverture santé chez {{entreprise}}"');
    expect(html).toContain('Bonjour {{prenom}} {{nom}},');
    expect(text).toContain('{{prenom}} Le prénom du salarié');
    expect(text).toContain('{{portabilite}} Le paragraphe de la portabilité, calculé');
    expect(text).toContain('Texte par défaut');
    expect(text).toContain('Aperçu PDF');
    expect(text).toContain('Enregistrer');
    expect(text).not.toContain('Revenir au texte par défaut');
  });

  it('says when the insurer changed the text', async () => {
    const text = pageText(
      await render({ ...TEMPLATE, isDefault: false, updatedAt: '2026-12-07T08:00:00.000Z' }),
    );
    expect(text).toContain('Modifié le 7 déc. 2026');
    expect(text).toContain('Revenir au texte par défaut');
  });
});
