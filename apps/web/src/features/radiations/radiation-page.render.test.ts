import { createRootRoute, createRoute } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import type { RadiationDetail } from '@affilia/shared/schemas/radiations';
import { pageText, renderPage } from '../../test/render-page';
import { RADIATIONS_KEY } from '../../lib/radiations-api';
import { RadiationPage } from './routes/radiation-page';

const RETURNED: RadiationDetail = {
  id: 'rad_1',
  status: 'returned',
  company: { id: 'c1', name: 'Valmont Immobilier', siren: '222125239' },
  establishment: { id: 'e1', name: 'Valmont Immobilier - Siège', siret: '22212523900012' },
  member: { id: 'm1', lastName: 'Benali', firstName: 'Gaël' },
  contractEndDate: '2026-12-31',
  motif: 'rupture_conventionnelle',
  dsnMotifCode: '043',
  unemploymentRights: true,
  disabilityPension: false,
  employmentPeriods: [{ start: '2026-07-11', end: '2026-12-31' }],
  portability: { eligible: true, months: 6, start: '2027-01-01', end: '2027-06-30' },
  newJobDate: null,
  evin: { offered: true, deadline: '2027-12-30', answer: null, answeredAt: null },
  contactEmail: 'gael.benali@exemple.fr',
  contactAddress: null,
  comment: null,
  noticeSentAt: '2026-12-07T08:10:00.000Z',
  returnReason: 'La date de fin ne correspond pas à l’attestation France Travail.',
  createdAt: '2026-12-07T08:10:00.000Z',
  createdBy: { id: 'u1', name: 'Eugénie Marchand' },
  statusChangedAt: '2026-12-07T08:20:00.000Z',
  processedAt: null,
  processedBy: null,
  canCancel: true,
  canEdit: true,
  canReportNewJob: false,
  history: [
    {
      from: null,
      to: 'sent',
      at: '2026-12-07T08:10:00.000Z',
      actorKind: 'employer',
      actorName: 'Eugénie Marchand',
      reason: null,
    },
    {
      from: 'sent',
      to: 'returned',
      at: '2026-12-07T08:20:00.000Z',
      actorKind: 'staff',
      actorName: 'Karim Benali',
      reason: 'La date de fin ne correspond pas à l’attestation France Travail.',
    },
  ],
};

function render(detail: RadiationDetail): Promise<string> {
  const root = createRootRoute();
  const page = createRoute({
    getParentRoute: () => root,
    path: '/radiations/$radiationId',
    component: RadiationPage,
  });
  return renderPage(
    root.addChildren([page]),
    [[[...RADIATIONS_KEY, 'detail', detail.id], detail]],
    `/radiations/${detail.id}`,
  );
}

describe('a radiation’s page (issue 18)', () => {
  it('says a returned radiation, its reason, and offers to correct it, cancel it or get its notice', async () => {
    const html = await render(RETURNED);
    const text = pageText(html);
    expect(text).toContain('Radiation de Gaël Benali');
    expect(text).toContain('Retournée à l’employeur');
    expect(text).toContain('La date de fin ne correspond pas à l’attestation France Travail.');
    expect(text).toContain('Rupture conventionnelle (code DSN 043)');
    expect(text).toContain('Portabilité : 6 mois, jusqu’au 30/06/2027');
    expect(text).toContain('30/12/2027');
    expect(text).toContain('Corriger et renvoyer');
    expect(text).toContain('Annuler');
    expect(text).not.toContain('Déclarer une reprise d’emploi');
    expect(html).toContain('href="/api/radiations/rad_1/notice.pdf"');
  });

  it('offers « Déclarer une reprise d’emploi » on a processed one in portability, nothing to correct', async () => {
    const text = pageText(
      await render({
        ...RETURNED,
        status: 'processed',
        returnReason: null,
        canCancel: false,
        canEdit: false,
        canReportNewJob: true,
      }),
    );
    expect(text).toContain('Traitée');
    expect(text).toContain('Déclarer une reprise d’emploi');
    expect(text).not.toContain('Corriger et renvoyer');
    expect(text).not.toContain('Retournée par l’assureur');
  });
});
