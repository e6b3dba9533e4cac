import { describe, expect, it } from 'vitest';
import type { DispenseList, DispenseRow } from '@affilia/shared/schemas/dispenses';
import { pageText, renderPage } from '../../test/render-page';
import { dispensesList } from './dispenses-search';
import { DispensesPage } from './routes/dispenses-page';

const company = { id: 'c1', name: 'Valmont Immobilier', siren: '222125239' };
const establishment = { id: 'e1', name: 'Valmont Lyon Brotteaux', siret: '22212523900061' };
const row = (over: Partial<DispenseRow>): DispenseRow => ({
  id: 'd1',
  requestId: 'r1',
  company,
  establishment,
  lastName: 'Fontaine',
  firstName: 'Chloé',
  caseCode: 'individual_cover',
  origin: 'online',
  status: 'validated',
  state: 'expired',
  effectiveDate: '2026-07-07',
  endDate: '2026-11-27',
  renewalDueDate: null,
  proofName: 'attestation-individuelle.pdf',
  renewalRequested: false,
  signedOn: '2026-07-01',
  createdAt: '2026-07-01T08:00:00.000Z',
  ...over,
});

const PAGE: DispenseList = {
  items: [
    row({}),
    row({
      id: 'd2',
      lastName: 'Garnier',
      firstName: 'Théo',
      caseCode: 'part_time_10_percent',
      state: 'renewal_due',
      endDate: null,
      renewalDueDate: '2026-12-28',
      proofName: null,
      renewalRequested: true,
    }),
  ],
  total: 2,
  page: 1,
  pageSize: 25,
};

describe('the register « Dispenses » (issue 19)', () => {
  it('lists each dispense with its case and legal source, proof, dates and state; exports with the filters', async () => {
    const html = await renderPage(
      DispensesPage,
      [
        [['dispenses', 'list', dispensesList.queryString({})], PAGE],
        [['affiliations', 'options'], { establishments: [] }],
      ],
      '/',
    );
    const text = pageText(html);
    expect(text).toContain('2 dispenses');
    expect(text).toContain('Couverture individuelle en cours CSS art. D911-2, 2°');
    expect(text).toContain(
      'Temps partiel ou apprenti, cotisation d’au moins 10\u00a0% CSS art. R242-1-6, 2° c',
    );
    expect(text).toContain('attestation-individuelle.pdf');
    expect(text).toContain('Non requis');
    expect(text).toContain('27/11/2026');
    expect(text).toContain('28/12/2026');
    expect(text).toContain('Expirée');
    // An expired dispense: « Affilier », the pré-affiliation pre-filled from it.
    expect(html).toContain('href="/pre-affiliation?dispense=d1"');
    expect(text).toContain('À renouveler Renouvellement envoyé à l’assureur');
    expect(html).toContain('aria-label="Voir la dispense de Fontaine Chloé"');
    expect(html).toContain('href="/api/dispenses/export?format=csv"');
    expect(html).toContain('href="/api/dispenses/archive.zip"');
    expect(text).toContain('Télécharger le dossier d’audit (.zip)');
  });
});
