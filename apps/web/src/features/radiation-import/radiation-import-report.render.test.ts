import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { RadiationImportReport } from '@affilia/shared/schemas/radiation-import';
import { reportOrder } from '../../components/request-import-report';
import { pageText, renderPage } from '../../test/render-page';
import { RadiationImportReportView, summaryText } from './components/radiation-import-report';

const REPORT: RadiationImportReport = {
  fileName: 'departs-mars.csv',
  summary: { total: 3, created: 1, refused: 2 },
  rows: [
    { line: 2, name: 'Lefèvre Éloïse', outcome: 'created', radiationId: 'r1', reasons: [] },
    {
      line: 3,
      name: 'Martin Bruno',
      outcome: 'refused',
      radiationId: null,
      reasons: [
        {
          field: 'Motif',
          message: 'Motif inconnu (« Départ en vacances ») : choisissez-le dans la liste du modèle',
        },
        { field: 'Date de fin du contrat', message: 'Date de fin du contrat manquante' },
      ],
    },
    {
      line: 4,
      name: 'Loin Paul',
      outcome: 'refused',
      radiationId: null,
      reasons: [{ field: 'NIR', message: 'Salarié introuvable dans votre périmètre' }],
    },
  ],
};

const render = (report: RadiationImportReport) =>
  renderPage(() => createElement(RadiationImportReportView, { report }), []);

describe('« Radier par fichier »: the report', () => {
  it('puts the refused lines first, in the file’s order', () => {
    expect(reportOrder(REPORT.rows).map((r) => r.line)).toEqual([3, 4, 2]);
    expect(summaryText(REPORT.summary)).toBe('1 radiation créée, 2 lignes refusées');
  });

  it('shows the counts, each refused field with its reason, the created line and the tracking link', async () => {
    const html = await render(REPORT);
    const text = pageText(html);
    expect(text).toContain('Rapport de l’import de departs-mars.csv');
    expect(text).toContain('3 lignes lues');
    expect(text).toContain('1 radiation créée');
    expect(text).toContain('2 lignes refusées');
    expect(text).toContain(
      'Motif : Motif inconnu (« Départ en vacances ») : choisissez-le dans la liste du modèle',
    );
    expect(text).toContain('Date de fin du contrat : Date de fin du contrat manquante');
    expect(text).toContain('NIR : Salarié introuvable dans votre périmètre');
    expect(text).toContain('Demande envoyée à l’assureur');
    expect(text).toContain('Suivi des demandes');
    expect(text).toContain(
      'Les lignes refusées n’ont pas été appliquées : corrigez-les dans votre fichier, puis envoyez un fichier avec ces lignes seulement. L’autre ligne est devenue une demande de radiation envoyée à l’assureur.',
    );
    expect(html).toContain('href="/affiliations"');
    // The table: the refused lines before the created one, the member as the row heading.
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    expect(table.indexOf('Martin Bruno')).toBeLessThan(table.indexOf('Loin Paul'));
    expect(table.indexOf('Loin Paul')).toBeLessThan(table.indexOf('Lefèvre Éloïse'));
    expect(table).toMatch(/<th[^>]*scope="row"[^>]*>Martin Bruno/);
  });

  it('says every line became a request when none was refused, without the correction advice', async () => {
    const text = pageText(
      await render({
        ...REPORT,
        summary: { total: 1, created: 1, refused: 0 },
        rows: [REPORT.rows[0]!],
      }),
    );
    expect(text).toContain('Toutes les lignes du fichier sont devenues des demandes de radiation');
    expect(text).not.toContain('corrigez-les');
  });
});
