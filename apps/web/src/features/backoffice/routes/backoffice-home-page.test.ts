import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../test/render-page';
import type { BackofficeOverview } from '../api/use-backoffice-overview';
import { BackOfficeHomePage } from './backoffice-home-page';

const NOTHING_TO_DO: BackofficeOverview = {
  affiliationsToValidate: 0,
  paperFormsExpected: 0,
  messagesToAnswer: 0,
  documentsDraft: 0,
  dispensesToCheck: 0,
};

/** « Espace assureur » as the server would render it, with the counts already loaded. */
function render(overview: BackofficeOverview): Promise<string> {
  return renderPage(BackOfficeHomePage, [[['backoffice', 'overview'], overview]]);
}

describe('« Espace assureur »', () => {
  it('shows each work queue with its count and a link', async () => {
    const html = await render({
      ...NOTHING_TO_DO,
      affiliationsToValidate: 3,
      paperFormsExpected: 1,
      messagesToAnswer: 2,
      dispensesToCheck: 1,
    });
    expect(html).toContain('À valider');
    expect(html).toContain('3 demandes d’affiliation finalisées par le salarié');
    expect(html).toContain('Courriers attendus');
    expect(html).toContain('2 conversations nouvelles ou non lues');
    expect(html).toContain('0 document en brouillon');
    expect(html).toContain('1 demande de dispense d’affiliation à valider ou refuser');
    expect(html).toContain('href="/back-office/dispenses"');
    expect(html).toContain('href="/back-office/affiliations"');
    expect(html).toContain('href="/back-office/messages"');
    expect(html).not.toContain('Tout est à jour');
  });

  it('says when every queue is empty', async () => {
    const html = await render(NOTHING_TO_DO);
    expect(html).toContain('Tout est à jour');
  });
});
