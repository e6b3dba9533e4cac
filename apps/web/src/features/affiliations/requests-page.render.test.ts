import { describe, expect, it } from 'vitest';
import type { RequestPage } from '@affilia/shared/schemas/radiations';
import { pageText, renderPage } from '../../test/render-page';
import { affiliationsQueryString } from './affiliations-search';
import { AffiliationsPage } from './routes/affiliations-page';

const company = { id: 'c1', name: 'Valmont Immobilier', siren: '222125239' };
const establishment = { id: 'e1', name: 'Valmont Immobilier - Siège', siret: '22212523900012' };

const PAGE: RequestPage = {
  items: [
    {
      type: 'radiation',
      id: 'rad_1',
      status: 'returned',
      company,
      establishment,
      lastName: 'Aubry',
      firstName: 'Joël',
      memberId: 'm1',
      statusChangedAt: '2026-12-07T09:10:00.000Z',
      createdAt: '2026-12-07T09:00:00.000Z',
      canCancel: true,
      contractEndDate: '2026-12-31',
      motif: 'rupture_conventionnelle',
    },
    {
      type: 'affiliation',
      id: 'aff_1',
      status: 'sent',
      company,
      establishment,
      lastName: 'Brunet',
      firstName: 'Stéphane',
      memberId: null,
      statusChangedAt: '2026-12-05T08:00:00.000Z',
      createdAt: '2026-12-05T08:00:00.000Z',
      canCancel: true,
      mode: 'email',
      reminderCount: 0,
      lastReminderAt: null,
      canRemind: true,
      nextReminderAt: null,
    },
  ],
  total: 2,
  page: 1,
  pageSize: 25,
};

describe('« Suivi des demandes » (issue 18)', () => {
  it('lists both types of request, each with its type, status and the way to its detail', async () => {
    const html = await renderPage(AffiliationsPage, [
      [['requests', 'list', affiliationsQueryString({})], PAGE],
      [['affiliations', 'options'], { establishments: [] }],
    ]);
    const text = pageText(html);
    expect(text).toContain('Suivi des demandes');
    expect(text).toContain('2 demandes');
    // The « Type » column and filter.
    expect(html).toMatch(/<th[^>]*>Type<\/th>/);
    expect(text).toContain('Radiation Fin du contrat : 31/12/2026');
    expect(text).toContain('Affiliation Mode : E-mail');
    // Each type's statuses.
    expect(text).toContain('Retournée à l’employeur');
    expect(text).toContain('Envoyé à l’employé');
    // The radiation opens its page; the affiliation keeps its actions.
    expect(html).toContain('href="/radiations/rad_1"');
    expect(html).toContain('aria-label="Actions pour Stéphane Brunet"');
    expect(html).toContain('aria-label="Actions pour Joël Aubry"');
  });
});
