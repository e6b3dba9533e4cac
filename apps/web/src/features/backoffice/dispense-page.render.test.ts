import { describe, expect, it } from 'vitest';
import type { BackofficeDispense } from '@affilia/shared/schemas/dispenses';
import { pageText, renderPage } from '../../test/render-page';
import { DISPENSES_QUERY_KEY } from './api/use-backoffice-dispenses';
import { BackOfficeDispensePage } from './routes/backoffice-dispense-page';

const summary = {
  id: 'd1',
  status: 'requested',
  origin: 'paper',
  caseCode: 'short_fixed_term_no_cover',
  otherPlanType: null,
  justificationEndDate: null,
  effectiveDate: '2026-02-01',
  endDate: '2026-07-31',
  renewalDueDate: null,
  signedOn: '2026-01-28',
  refusalReason: null,
  decidedAt: null,
  isRenewal: false,
  createdAt: '2026-02-02T08:00:00.000Z',
} as const;

const DETAIL: BackofficeDispense = {
  ...summary,
  requestId: 'r1',
  lastName: 'Nguyễn-Wójcik',
  firstName: 'Łukasz',
  companyName: 'Boulangerie Ange',
  siren: '732829320',
  establishmentName: 'Fournil de Lyon',
  siret: '73282932000074',
  nir: '1 85 06 75 123 456 78',
  birthDate: '1985-06-15',
  email: null,
  contractLabel: 'Santé Ange',
  contractNumber: 'CT000001',
  employmentContractType: 'cdd',
  employmentStartDate: '2026-02-01',
  employmentEndDate: '2026-07-31',
  affiliationDate: '2026-02-01',
  swornStatement: 'Je soussigné(e) Łukasz Nguyễn-Wójcik demande à être dispensé(e)…',
  caseAllowed: false,
  conditionError: 'Ce cas concerne uniquement les contrats de moins de 12 mois.',
  files: [
    {
      id: 'f1',
      kind: 'signed_request',
      originalName: 'demande.pdf',
      mimeType: 'application/pdf',
      size: 2048,
      createdAt: '2026-02-02T08:00:00.000Z',
    },
  ],
  history: [summary],
};

const render = (detail: BackofficeDispense) =>
  renderPage(BackOfficeDispensePage, [[[...DISPENSES_QUERY_KEY, 'detail', ''], detail]]);

describe('a dispense in the back office', () => {
  it('shows the case with its source, the checks to make, the files and the two decisions', async () => {
    const text = pageText(await render(DETAIL));
    expect(text).toContain('Dispense de Nguyễn-Wójcik Łukasz');
    expect(text).toContain('1 85 06 75 123 456 78');
    expect(text).toMatch(/CSS art\. R242-1-6, 2° b \( ?prévu par l’acte fondateur ?\)/);
    expect(text).toContain('Le contrat « Santé Ange » ne prévoit pas ce cas de dispense');
    expect(text).toContain('Ce cas concerne uniquement les contrats de moins de 12 mois.');
    expect(text).toMatch(/Demande de dispense signée ?: ?demande\.pdf/);
    expect(text).toContain('Valider la dispense');
    expect(text).toContain('Refuser');
  });

  it('shows the refusal’s reason and no decision once refused', async () => {
    const refused = {
      ...DETAIL,
      status: 'refused',
      refusalReason: 'Formulaire non signé.',
      caseAllowed: true,
      conditionError: null,
    } as const;
    const text = pageText(await render(refused));
    expect(text).toContain('Motif du refus Formulaire non signé.');
    expect(text).not.toContain('Valider la dispense');
    expect(text).not.toContain('À vérifier avant de valider');
  });
});
