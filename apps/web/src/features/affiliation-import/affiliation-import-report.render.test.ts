import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { AFFILIATION_IMPORT_MAX_BYTES } from '@affilia/shared/domain/affiliation-import';
import type { AffiliationImportReport } from '@affilia/shared/schemas/affiliation-import';
import { pageText, renderPage } from '../../test/render-page';
import {
  AffiliationImportReportView,
  printBiaLabel,
  summaryText,
} from './components/affiliation-import-report';
import { AffiliationImportPage } from './routes/affiliation-import-page';

const BATCH = '0b9c6a58-3f1e-4d7a-9a51-2f4c8e0d7b11';

const REPORT: AffiliationImportReport = {
  fileName: 'embauches-mars.csv',
  batchId: BATCH,
  summary: { total: 4, created: 3, refused: 1, byEmail: 1, byMail: 2 },
  rows: [
    {
      line: 2,
      name: 'Lefèvre Éloïse',
      outcome: 'created',
      requestId: 'a1',
      mode: 'email',
      reasons: [],
    },
    {
      line: 3,
      name: 'Martin Bruno',
      outcome: 'refused',
      requestId: null,
      mode: null,
      reasons: [
        { field: 'NIR', message: 'NIR invalide : la clé ne correspond pas' },
        {
          field: 'SIRET de l’établissement',
          message: 'Établissement introuvable dans votre périmètre',
        },
      ],
    },
    { line: 4, name: 'Roux Inès', outcome: 'created', requestId: 'a2', mode: 'mail', reasons: [] },
    {
      line: 5,
      name: 'Petit Hugo',
      outcome: 'created',
      requestId: 'a3',
      mode: 'mail',
      reasons: [],
    },
  ],
};

const render = (report: AffiliationImportReport) =>
  renderPage(() => createElement(AffiliationImportReportView, { report }), []);

describe('« Pré-affilier par fichier »: the page and its report', () => {
  it('explains the two modes, shows the limits, the template and the tracking link', async () => {
    const html = await renderPage(AffiliationImportPage, []);
    const text = pageText(html);
    expect(text).toContain('Pré-affilier par fichier');
    expect(text).toContain('mode « E-mail » : le salarié reçoit son lien');
    expect(text).toContain('sans e-mail, mode « Courrier »');
    expect(text).toMatch(
      new RegExp(`1\\s000 lignes et ${AFFILIATION_IMPORT_MAX_BYTES / 1024 / 1024} Mo au plus`),
    );
    expect(text).toContain('Fichier des salariés à pré-affilier');
    expect(text).toContain('Envoyer le fichier');
    expect(html).toContain('href="/api/affiliations/import/template.xlsx"');
    expect(html).toContain('href="/affiliations"');
    expect(html).toContain('href="/pre-affiliation"');
  });

  it('sums the requests up by mode', () => {
    expect(summaryText(REPORT.summary)).toBe(
      '3 demandes créées (1 par e-mail, 2 par courrier), 1 ligne refusée',
    );
    expect(summaryText({ total: 1, created: 0, refused: 1, byEmail: 0, byMail: 0 })).toBe(
      '0 demande créée, 1 ligne refusée',
    );
    expect(printBiaLabel(2)).toBe('Imprimer les BIA pré-remplis (2)');
    expect(printBiaLabel(1)).toBe('Imprimer le BIA pré-rempli (1)');
  });

  it('shows the counts, the BIAs to print, each refused field with its column and the refused line first', async () => {
    const html = await render(REPORT);
    const text = pageText(html);
    expect(text).toContain('Rapport de l’import de embauches-mars.csv');
    expect(text).toContain('4 lignes lues');
    expect(text).toContain('3 demandes créées');
    expect(text).toContain('dont 1 par e-mail');
    expect(text).toContain('dont 2 par courrier');
    expect(text).toContain('1 ligne refusée');
    expect(text).toContain(
      'La ligne refusée n’a pas été appliquée : corrigez-la dans votre fichier, puis envoyez un fichier avec cette ligne seulement. Les autres lignes sont devenues des demandes d’affiliation.',
    );
    expect(text).toContain('NIR : NIR invalide : la clé ne correspond pas');
    expect(text).toContain(
      'SIRET de l’établissement : Établissement introuvable dans votre périmètre',
    );
    expect(text).toContain('Imprimer les BIA pré-remplis (2)');
    expect(html).toContain(`href="/api/affiliations/import/${BATCH}/bia.pdf"`);
    expect(text).toContain('Un salarié a reçu un e-mail avec son lien');
    expect(text).toContain(
      'Mode « Courrier » : BIA pré-rempli à imprimer et à remettre au salarié',
    );
    expect(text).toContain('Mode « E-mail » : le salarié a reçu son lien');
    expect(text).toContain('Suivi des demandes');
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    expect(table.indexOf('Martin Bruno')).toBeLessThan(table.indexOf('Lefèvre Éloïse'));
    expect(table.indexOf('Lefèvre Éloïse')).toBeLessThan(table.indexOf('Roux Inès'));
    expect(table).toMatch(/<th[^>]*scope="row"[^>]*>Martin Bruno/);
  });

  it('offers no BIA to print when every request went by e-mail, and no advice when none was refused', async () => {
    const text = pageText(
      await render({
        ...REPORT,
        summary: { total: 1, created: 1, refused: 0, byEmail: 1, byMail: 0 },
        rows: [REPORT.rows[0]!],
      }),
    );
    expect(text).toContain(
      'Toutes les lignes du fichier sont devenues des demandes d’affiliation.',
    );
    expect(text).not.toContain('Imprimer');
    expect(text).not.toContain('corrigez-la');
  });

  it('shows neither the modes nor the tracking link when every line was refused', async () => {
    const text = pageText(
      await render({
        ...REPORT,
        summary: { total: 1, created: 0, refused: 1, byEmail: 0, byMail: 0 },
        rows: [REPORT.rows[1]!],
      }),
    );
    expect(text).toContain('0 demande créée');
    expect(text).not.toContain('dont ');
    expect(text).not.toContain('Imprimer');
    expect(text).not.toContain('Suivez leur traitement');
  });
});
