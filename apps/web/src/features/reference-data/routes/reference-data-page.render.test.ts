import { describe, expect, it } from 'vitest';
import { createRootRoute, createRoute } from '@tanstack/react-router';
import type { LoadedQueries } from '../../../test/render-page';
import { pageText, renderPage } from '../../../test/render-page';
import type {
  ReferenceMemberDetail,
  ReferenceMemberPage,
} from '@affilia/shared/schemas/reference-data';
import { ReferenceDataPage } from './reference-data-page';
import { ReferenceDetailPage } from './reference-detail-page';

const KEY = ['backoffice', 'reference-data'];

const dupont = {
  id: 'm1',
  lastName: 'DUPONT',
  firstName: 'Jean',
  nir: '185067512345678',
  professionalStatus: 'cadre' as const,
  company: { id: 'c1', name: 'Alpha Immobilier', siren: '732829320' },
  establishment: { id: 'e1', name: 'Alpha Lyon', siret: '73282932000074' },
};

/** A page of the « Référentiel » as the server would render it, with its data already loaded. */
function render(url: string, data: LoadedQueries): Promise<string> {
  const root = createRootRoute();
  const routes = [
    createRoute({
      getParentRoute: () => root,
      path: '/back-office/referentiel',
      component: ReferenceDataPage,
    }),
    createRoute({
      getParentRoute: () => root,
      path: '/back-office/referentiel/import',
      component: () => null,
    }),
    createRoute({
      getParentRoute: () => root,
      path: '/back-office/referentiel/$entity/$entityId',
      component: ReferenceDetailPage,
    }),
  ];
  const loaded: LoadedQueries = data.map(([key, value]) => [[...KEY, ...key], value]);
  return renderPage(root.addChildren(routes), loaded, url);
}

describe('« Référentiel »', () => {
  it('reads the tab and the search from the address and lists members with their NIR grouped', async () => {
    const page: ReferenceMemberPage = {
      items: [
        {
          ...dupont,
          contract: {
            id: 'k1',
            number: 'CT1',
            label: 'BASE CCN',
            effectiveDate: '2024-01-01',
            endDate: null,
            status: 'current',
          },
        },
      ],
      total: 30,
      page: 1,
      pageSize: 25,
    };
    const html = await render('/back-office/referentiel?tab=assures&q=dup', [
      [['assures', 'list', 'q=dup&pageSize=25'], page],
    ]);
    const t = pageText(html);
    expect(t).toContain('Rechercher des assurés');
    expect(html).toContain('value="dup"');
    expect(t).toContain('1–25 sur 30 assurés');
    expect(t).toContain('1 85 06 75 123 456 78');
    expect(html).toContain('href="/back-office/referentiel/assures/m1"');
    expect(html).toContain('href="/back-office/referentiel/import"');
    // No « Ajouter » for members: they come from imports and enrolments.
    expect(t).not.toContain('Ajouter');
  });

  it('shows an empty list with « Ajouter une entreprise » on the first tab', async () => {
    const html = await render('/back-office/referentiel', [
      [['entreprises', 'list', 'pageSize=25'], { items: [], total: 0, page: 1, pageSize: 25 }],
    ]);
    const t = pageText(html);
    expect(t).toContain('Ajouter une entreprise');
    expect(t).toContain('Aucune entreprise');
    expect(t).toContain('Rien dans le référentiel pour le moment.');
  });

  it('shows a member with the NIR grouped and each coverage with « Modifier »', async () => {
    const detail: ReferenceMemberDetail = {
      ...dupont,
      birthDate: '1985-06-15',
      email: null,
      companyEstablishments: [dupont.establishment],
      coverages: [
        {
          id: 'cv1',
          contract: { id: 'k1', number: 'CT1', label: 'BASE CCN' },
          optionCode: 'base',
          optionLabel: 'Base obligatoire',
          contractOptions: [{ code: 'base', label: 'Base obligatoire' }],
          effectiveDate: '2024-01-01',
          endDate: '2026-02-28',
          status: 'ended',
        },
      ],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const t = pageText(
      await render('/back-office/referentiel/assures/m1', [[['assures', 'detail', 'm1'], detail]]),
    );
    expect(t).toContain('DUPONT Jean');
    expect(t).toContain('1 85 06 75 123 456 78');
    expect(t).toContain('15/06/1985');
    expect(t).toContain('28/02/2026');
    expect(t).toContain('terminé');
    expect(t).toContain('Retour au référentiel');
  });

  it('says when the address names no kind of entry', async () => {
    const t = pageText(await render('/back-office/referentiel/inconnu/x', []));
    expect(t).toContain('Cette adresse ne correspond à aucune fiche du référentiel.');
  });
});
