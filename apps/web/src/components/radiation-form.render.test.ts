import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { RadiationDetail, RadiationPrefill } from '@affilia/shared/schemas/radiations';
import { pageText, renderPage } from '../test/render-page';
import { RadiationForm, validateRadiation } from './radiation-form';
import { initialRadiationValues, withContractEndDate, withMotif } from '../lib/radiation-form';

const PREFILL: RadiationPrefill = {
  member: {
    id: 'm1',
    lastName: 'Martin',
    firstName: 'Jeanne',
    email: 'jeanne.martin@exemple.fr',
    establishment: { id: 'e1', name: 'Siège', siret: '73282932000074' },
  },
  coverageEffectiveDate: '2025-09-01',
  employmentStartDate: '2025-08-28',
  openRadiationId: null,
};

/** A radiation the insurer returned, to correct: a rupture conventionnelle. */
const RETURNED = {
  id: 'r1',
  contractEndDate: '2026-03-31',
  motif: 'rupture_conventionnelle',
  unemploymentRights: true,
  disabilityPension: false,
  employmentPeriods: [{ start: '2025-08-28', end: '2026-03-31' }],
  contactEmail: 'jeanne.martin@exemple.fr',
  contactAddress: null,
  comment: null,
} as unknown as RadiationDetail;

function render(props: Partial<Parameters<typeof RadiationForm>[0]>): Promise<string> {
  return renderPage(
    () =>
      createElement(RadiationForm, {
        prefill: PREFILL,
        onDone: () => undefined,
        onCancel: () => undefined,
        ...props,
      }),
    [],
  );
}

describe('« Radier » (the member’s page)', () => {
  it('starts from the prefill: the e-mail on file, the employment’s start, nothing answered', async () => {
    const html = await render({});
    const text = pageText(html);
    expect(html).toContain('value="jeanne.martin@exemple.fr"');
    expect(html).toContain('value="28/08/2025"');
    expect(text).toContain('Date de fin du contrat de travail');
    expect(text).toContain('Motif de la rupture');
    expect(text).toContain('La rupture ouvre droit à l’assurance chômage');
    expect(text).toContain('Le salarié perçoit une pension d’invalidité');
    expect(text).toContain('Ajouter un contrat précédent');
    expect(text).toContain(
      'La portabilité s’affiche ici une fois la date, le motif et le dernier contrat renseignés.',
    );
    expect(html).not.toMatch(/type="radio"[^>]*checked/);
  });

  it('shows the computed portability and the loi Évin offer before confirming', async () => {
    const text = pageText(await render({ existing: RETURNED }));
    expect(text).toContain('Portabilité : 8 mois, jusqu’au 30/11/2026');
    expect(text).toContain('à demander au plus tard le 30/05/2027');
    expect(text).toContain('Renvoyer à l’assureur');
  });

  it('says why there is no portability', async () => {
    const text = pageText(
      await render({ existing: { ...RETURNED, motif: 'demission', unemploymentRights: false } }),
    );
    expect(text).toContain(
      'Pas de portabilité : la rupture n’ouvre pas droit à l’assurance chômage',
    );
  });

  it('puts each error next to its field, marked invalid', async () => {
    const values = withContractEndDate(initialRadiationValues(PREFILL), '2025-08-15');
    const errors = validateRadiation(PREFILL, values);
    expect(errors).toMatchObject({
      contractEndDate:
        'La fin du contrat ne peut pas précéder la date d’effet de la couverture (01/09/2025)',
      motif: 'Choisissez le motif de la rupture',
      unemploymentRights: 'Indiquez si la rupture ouvre droit au chômage',
    });
    // Once the motif is chosen, the pre-answer satisfies « chômage ».
    expect(validateRadiation(PREFILL, withMotif(values, 'fin_cdd'))).not.toHaveProperty(
      'unemploymentRights',
    );
    // A server error on its field (`radiation_already_open`…), as the dialog sets it.
    const html = await render({
      initialErrors: { ...errors, contactEmail: 'Saisissez une adresse e-mail valide' },
    });
    const text = pageText(html);
    expect(text).toContain('Choisissez le motif de la rupture');
    expect(text).toContain('Saisissez une adresse e-mail valide');
    expect(text).toContain('ne peut pas précéder la date d’effet de la couverture');
    expect(html.match(/aria-invalid="true"/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
