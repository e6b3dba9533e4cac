import { describe, expect, it } from 'vitest';
import type { BackofficeRadiationPage, RadiationDetail } from '@affilia/shared/schemas/radiations';
import { pageText, renderPage } from '../../test/render-page';
import { RADIATIONS_QUERY_KEY } from './api/use-backoffice-radiations';
import { radiationsQueueList } from './radiations-queue-search';
import { BackOfficeRadiationPage } from './routes/backoffice-radiation-page';
import { BackOfficeRadiationsPage } from './routes/backoffice-radiations-page';

const company = { id: 'c1', name: 'Boulangerie Ange', siren: '732829320' };
const establishment = { id: 'e1', name: 'Fournil de Lyon', siret: '73282932000074' };
const member = { id: 'm1', lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz' };

const PAGE: BackofficeRadiationPage = {
  items: [
    {
      id: 'r1',
      status: 'sent',
      company,
      establishment,
      member,
      contractEndDate: '2026-03-31',
      motif: 'rupture_conventionnelle',
      portabilityEndDate: '2026-11-30',
      createdAt: '2026-04-02T08:00:00.000Z',
      statusChangedAt: '2026-04-02T08:00:00.000Z',
    },
  ],
  total: 1,
  page: 1,
  pageSize: 25,
};

const DETAIL: RadiationDetail = {
  id: 'r1',
  status: 'sent',
  company,
  establishment,
  member,
  contractEndDate: '2026-03-31',
  motif: 'rupture_conventionnelle',
  dsnMotifCode: '043',
  unemploymentRights: true,
  disabilityPension: false,
  employmentPeriods: [{ start: '2025-08-01', end: '2026-03-31' }],
  portability: { eligible: true, months: 8, start: '2026-04-01', end: '2026-11-30' },
  newJobDate: null,
  evin: { offered: true, deadline: '2027-05-30', answer: null, answeredAt: null },
  contactEmail: 'lukasz@exemple.test',
  contactAddress: null,
  comment: 'Départ d’un commun accord',
  noticeSentAt: '2026-04-02T08:00:05.000Z',
  returnReason: null,
  createdAt: '2026-04-02T08:00:00.000Z',
  createdBy: { id: 'u1', name: 'Claire Martin' },
  statusChangedAt: '2026-04-02T08:00:00.000Z',
  processedAt: null,
  processedBy: null,
  canCancel: false,
  canEdit: false,
  canReportNewJob: false,
  history: [
    {
      from: null,
      to: 'sent',
      at: '2026-04-02T08:00:00.000Z',
      actorKind: 'employer',
      actorName: 'Claire Martin',
      reason: null,
    },
  ],
};

const detailKey = [...RADIATIONS_QUERY_KEY, 'detail', ''];

describe('« Radiations » (back office)', () => {
  it('lists the departures to process with their tabs, company, end date, motif and portability', async () => {
    const html = await renderPage(BackOfficeRadiationsPage, [
      [[...RADIATIONS_QUERY_KEY, 'list', radiationsQueueList.queryString({})], PAGE],
    ]);
    const text = pageText(html);
    for (const tab of ['À traiter', 'Traitées', 'Retournées', 'Annulées'])
      expect(text).toContain(tab);
    expect(text).toContain('Nguyễn-Wójcik Łukasz');
    expect(text).toContain('Boulangerie Ange');
    expect(text).toContain('31/03/2026');
    expect(text).toContain('Rupture conventionnelle');
    expect(text).toContain('30/11/2026');
    expect(text).toContain('Envoyée à l’assureur');
    expect(text).toContain('1 radiation');
  });

  it('shows a radiation to process: rights computed, Évin deadline, contact, history and the two decisions', async () => {
    const text = pageText(await renderPage(BackOfficeRadiationPage, [[detailKey, DETAIL]]));
    expect(text).toContain('Radiation de Nguyễn-Wójcik Łukasz');
    expect(text).toContain('Rupture conventionnelle (code DSN 043)');
    expect(text).toContain('Portabilité : 8 mois, jusqu’au 30/11/2026');
    expect(text).toContain('À demander au plus tard le 30/05/2027');
    expect(text).toContain('lukasz@exemple.test');
    expect(text).toContain('Départ d’un commun accord');
    expect(text).toContain('du 01/08/2025 au 31/03/2026');
    expect(text).toContain('Traiter la radiation');
    expect(text).toContain('Retourner à l’employeur');
    expect(text).toContain('Télécharger la notice');
    expect(text).not.toContain('Fin de portabilité (reprise d’emploi)');
    expect(text).toContain('Maintien individuel demandé');
  });

  it('offers the Évin answer and the end of portability once processed, and shows a returned one’s reason', async () => {
    const processed = pageText(
      await renderPage(BackOfficeRadiationPage, [
        [detailKey, { ...DETAIL, status: 'processed', canReportNewJob: true }],
      ]),
    );
    expect(processed).not.toContain('Traiter la radiation');
    expect(processed).toContain('Fin de portabilité (reprise d’emploi)');
    expect(processed).toContain('Maintien individuel demandé');
    expect(processed).toContain('Maintien individuel refusé');

    const returned = pageText(
      await renderPage(BackOfficeRadiationPage, [
        [detailKey, { ...DETAIL, status: 'returned', returnReason: 'Date de fin erronée' }],
      ]),
    );
    expect(returned).toContain('Retournée à l’employeur');
    expect(returned).toContain('Date de fin erronée');
    expect(returned).not.toContain('Traiter la radiation');
    expect(returned).not.toContain('Maintien individuel demandé');
  });
});
