import { describe, expect, it } from 'vitest';
import type { RadiationPrefill } from '@affilia/shared/schemas/radiations';
import type { RadiationFormValues } from './radiation-form';
import {
  EMPTY_COMMON_VALUES,
  bulkPortabilitySentence,
  endBeforeCoverageError,
  evinSentence,
  initialRadiationValues,
  portabilityPreview,
  portabilitySentence,
  toRadiationInput,
  withContractEndDate,
  withMotif,
} from './radiation-form';

const PREFILL: RadiationPrefill = {
  member: {
    id: 'm1',
    lastName: 'Nguyễn-Wójcik',
    firstName: 'Łukasz',
    email: 'lukasz@exemple.fr',
    establishment: { id: 'e1', name: 'Siège', siret: '73282932000074' },
  },
  coverageEffectiveDate: '2025-09-01',
  employmentStartDate: '2025-08-28',
  openRadiationId: null,
};

function filled(patch: Partial<RadiationFormValues> = {}): RadiationFormValues {
  const start = initialRadiationValues(PREFILL);
  return {
    ...withContractEndDate(withMotif(start, 'rupture_conventionnelle'), '2026-03-31'),
    ...patch,
  };
}

describe('the « Radier » form’s rules', () => {
  it('starts from the prefill: the employment’s start, the e-mail on file, nothing answered', () => {
    expect(initialRadiationValues(PREFILL)).toEqual({
      ...EMPTY_COMMON_VALUES,
      employmentPeriods: [{ start: '2025-08-28', end: '' }],
      contactEmail: 'lukasz@exemple.fr',
      contactAddress: '',
    });
    // Without the enrolment’s start: the coverage’s date d’effet.
    expect(
      initialRadiationValues({ ...PREFILL, employmentStartDate: null }).employmentPeriods[0],
    ).toEqual({ start: '2025-09-01', end: '' });
  });

  it('pre-answers « ouvre droit à l’assurance chômage » from the motif, each time it changes', () => {
    const start = initialRadiationValues(PREFILL);
    expect(withMotif(start, 'rupture_conventionnelle').unemploymentRights).toBe(true);
    expect(withMotif(start, 'demission').unemploymentRights).toBe(false);
    const edited = { ...withMotif(start, 'demission'), unemploymentRights: true };
    expect(withMotif(edited, 'fin_cdd').unemploymentRights).toBe(true);
    expect(withMotif(edited, null)).toMatchObject({ motif: '', unemploymentRights: null });
  });

  it('ends the last contract on the end of the contract of employment', () => {
    const values = withContractEndDate(
      {
        ...initialRadiationValues(PREFILL),
        employmentPeriods: [
          { start: '2025-08-28', end: '' },
          { start: '2024-01-01', end: '2024-06-30' },
        ],
      },
      '2026-03-31',
    );
    expect(values.employmentPeriods).toEqual([
      { start: '2025-08-28', end: '2026-03-31' },
      { start: '2024-01-01', end: '2024-06-30' },
    ]);
    expect(toRadiationInput('m1', values).employmentPeriods).toEqual(values.employmentPeriods);
  });

  it('previews the portability as the server computes it, or why there is none', () => {
    // 28/08/2025 → 31/03/2026: 7 months 4 days → 8 months, from 01/04/2026.
    const portability = portabilityPreview(filled());
    expect(portability).toEqual({
      eligible: true,
      months: 8,
      start: '2026-04-01',
      end: '2026-11-30',
    });
    expect(portabilitySentence(portability!)).toBe('Portabilité : 8 mois, jusqu’au 30/11/2026');
    expect(portabilitySentence(portabilityPreview(filled({ unemploymentRights: false }))!)).toBe(
      'Pas de portabilité : la rupture n’ouvre pas droit à l’assurance chômage',
    );
    expect(portabilityPreview(filled({ motif: 'licenciement_faute_lourde' }))).toEqual({
      eligible: false,
      reason: 'gross_misconduct',
    });
    // Incomplete: no preview yet.
    expect(portabilityPreview(initialRadiationValues(PREFILL))).toBeNull();
    expect(
      portabilityPreview(filled({ employmentPeriods: [{ start: '', end: '2026-03-31' }] })),
    ).toBeNull();
  });

  it('says the loi Évin offer and its deadline (6 months after the portability)', () => {
    const values = filled();
    expect(
      evinSentence({
        motif: 'rupture_conventionnelle',
        unemploymentRights: true,
        disabilityPension: false,
        contractEndDate: values.contractEndDate,
        portability: portabilityPreview(values),
      }),
    ).toBe(
      'Maintien individuel (loi Évin) : proposé dans la notice, à demander au plus tard le 30/05/2027.',
    );
    expect(
      evinSentence({
        motif: 'demission',
        unemploymentRights: false,
        disabilityPension: false,
        contractEndDate: '2026-03-31',
        portability: null,
      }),
    ).toBeNull();
  });

  it('refuses an end before the coverage’s date d’effet', () => {
    expect(endBeforeCoverageError('2025-08-31', '2025-09-01')).toBe(
      'La fin du contrat ne peut pas précéder la date d’effet de la couverture (01/09/2025)',
    );
    expect(endBeforeCoverageError('2025-09-01', '2025-09-01')).toBeNull();
    expect(endBeforeCoverageError('', '2025-09-01')).toBeNull();
  });

  it('says for several members whether they keep a portability', () => {
    expect(bulkPortabilitySentence(EMPTY_COMMON_VALUES)).toBeNull();
    expect(bulkPortabilitySentence(withMotif(EMPTY_COMMON_VALUES, 'fin_cdd'))).toMatch(
      /^Portabilité : la durée du dernier contrat de chaque salarié/,
    );
    expect(bulkPortabilitySentence(withMotif(EMPTY_COMMON_VALUES, 'deces'))).toMatch(
      /^Pas de portabilité : décès du salarié/,
    );
  });
});
