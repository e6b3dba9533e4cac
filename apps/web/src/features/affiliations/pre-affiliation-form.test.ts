import { describe, expect, it } from 'vitest';
import type { EmployeeValues, Establishment, SetupValues } from './pre-affiliation-form';
import {
  EMPTY_EMPLOYEE,
  contractFor,
  employeeErrors,
  needsEndDate,
  parsePreAffiliation,
  setupErrors,
} from './pre-affiliation-form';

const setup: SetupValues = { establishmentId: 'est-1', professionalStatus: 'non_cadre' };

const employee: EmployeeValues = {
  alreadyAffiliated: 'no',
  lastName: 'Lefèvre',
  firstName: 'Hélène',
  email: '',
  nir: '2 85 06 75 123 456',
  birthDate: '1985-06-15',
  hireDate: '2026-02-02',
  affiliationDate: '2026-03-01',
  employmentContractType: 'cdi',
  employmentStartDate: '2026-02-02',
  employmentEndDate: '2026-12-31',
  positionInCompany: '',
};

const establishment: Establishment = {
  id: 'est-1',
  name: 'Agence Lyon',
  siret: '73282932000074',
  company: { id: 'c-1', name: 'Immobilière du Rhône', siren: '732829320' },
  contracts: [
    {
      id: 'k-1',
      number: 'FS-001',
      label: 'Frais de santé',
      staffCategory: 'non_cadre',
      startDate: '2024-01-01',
      endDate: null,
    },
  ],
};

/** A company whose cadres' contract ends on 30/06/2026, followed by one for everyone. */
const renewed: Establishment = {
  ...establishment,
  contracts: [
    {
      id: 'k-3',
      number: 'FS-003',
      label: 'Ensemble 2026',
      staffCategory: 'all',
      startDate: '2026-07-01',
      endDate: null,
    },
    {
      id: 'k-2',
      number: 'FS-002',
      label: 'Cadres jusqu’en juin',
      staffCategory: 'cadre',
      startDate: '2020-01-01',
      endDate: '2026-06-30',
    },
  ],
};

describe('the insurer’s and the contracts’ rules, as the server applies them (issue 14 #26)', () => {
  const rules = { allowTemporaryNir: false, establishment };

  it('refuses a temporary NIR the insurer does not allow, with the server’s message', () => {
    const temporary = { ...employee, nir: '7 85 06 75 123 456' };
    const refused = parsePreAffiliation(setup, temporary, false, rules);
    expect(refused.ok ? null : refused.errors.nir).toBe(
      'Les numéros de sécurité sociale provisoires ne sont pas acceptés',
    );
    const allowed = parsePreAffiliation(setup, temporary, false, {
      ...rules,
      allowTemporaryNir: true,
    });
    expect(allowed.ok).toBe(true);
  });

  it('gives the NIR / birth date warning before sending anything', () => {
    const result = parsePreAffiliation(
      setup,
      { ...employee, birthDate: '1990-01-20' },
      false,
      rules,
    );
    expect(result.ok && result.warning).toBe(
      "L’année et le mois de naissance du numéro de sécurité sociale ne correspondent pas à la date de naissance. Vérifiez le numéro et la date, ou confirmez qu'ils sont exacts.",
    );
    expect(parsePreAffiliation(setup, employee, false, rules)).toMatchObject({
      ok: true,
      warning: null,
    });
  });

  it('uses the contract of the affiliation date, not today’s', () => {
    expect(contractFor(renewed, 'cadre', '2026-03-02')?.label).toBe('Cadres jusqu’en juin');
    expect(contractFor(renewed, 'cadre', '2026-07-15')?.label).toBe('Ensemble 2026');
    const cadre = { establishmentId: 'est-1', professionalStatus: 'cadre' } as const;
    const later = parsePreAffiliation(
      cadre,
      { ...employee, affiliationDate: '2026-07-15' },
      false,
      { ...rules, establishment: renewed },
    );
    expect(later.ok && later.contract?.label).toBe('Ensemble 2026');
    // No contract for the collège on that date; a date before the contract's start.
    const none = parsePreAffiliation(cadre, employee, false, rules);
    expect(none.ok ? null : none.errors.affiliationDate).toBe(
      "Aucun contrat Frais de Santé de l'entreprise ne couvre le collège « Cadre » à cette date d'affiliation.",
    );
    const early = parsePreAffiliation(
      setup,
      { ...employee, affiliationDate: '2026-03-01' },
      false,
      { ...rules, establishment: { ...establishment, contracts: renewed.contracts } },
    );
    expect(early.ok ? null : early.errors.affiliationDate).toBe(
      "La date d'affiliation ne peut pas être antérieure au début du contrat Frais de Santé (01/07/2026)",
    );
  });
});

describe('parsePreAffiliation', () => {
  it('builds the API body with the shared schema (no email: mode Courrier)', () => {
    const result = parsePreAffiliation(setup, employee);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      establishmentId: 'est-1',
      professionalStatus: 'non_cadre',
      alreadyAffiliated: false,
      email: undefined,
      employmentContractType: 'cdi',
      // A CDI has no end date: the hidden field is not sent.
      employmentEndDate: undefined,
      positionInCompany: undefined,
    });
    expect(result.value.confirmNirWarning).toBeUndefined();
    const confirmed = parsePreAffiliation(setup, employee, true);
    expect(confirmed.ok && confirmed.value.confirmNirWarning).toBe(true);
  });

  it('puts each error on its field', () => {
    const result = parsePreAffiliation(setup, EMPTY_EMPLOYEE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = employeeErrors(result.errors);
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        'alreadyAffiliated',
        'lastName',
        'firstName',
        'nir',
        'birthDate',
        'hireDate',
        'affiliationDate',
        'employmentContractType',
        'employmentStartDate',
      ]),
    );
    expect(errors.email).toBeUndefined();
    expect(errors.lastName).toBe('Saisissez le nom du salarié');
  });

  it('requires the end date of a fixed-term contract, after the start', () => {
    const missing = parsePreAffiliation(setup, {
      ...employee,
      employmentContractType: 'cdd',
      employmentEndDate: '',
    });
    expect(missing.ok ? null : missing.errors.employmentEndDate).toBe(
      'La date de fin du contrat de travail est obligatoire pour ce type de contrat',
    );
    const before = parsePreAffiliation(setup, {
      ...employee,
      employmentContractType: 'cdd',
      employmentEndDate: '2026-01-01',
    });
    expect(before.ok ? null : before.errors.employmentEndDate).toBe(
      'La date de fin du contrat de travail doit être postérieure à la date de début',
    );
    expect(needsEndDate('cdd')).toBe(true);
    expect(needsEndDate('cdi')).toBe(false);
    expect(needsEndDate('')).toBe(false);
  });

  it('checks the dates between them', () => {
    const result = parsePreAffiliation(setup, { ...employee, affiliationDate: '2026-01-01' });
    expect(result.ok ? null : result.errors.affiliationDate).toBe(
      'La date d’affiliation ne peut pas être antérieure à la date d’entrée dans l’entreprise',
    );
  });
});

describe('step 1', () => {
  it('finds the contract of the collège', () => {
    expect(contractFor(establishment, 'non_cadre', '2026-03-02')?.number).toBe('FS-001');
    expect(contractFor(establishment, 'cadre', '2026-03-02')).toBeNull();
    expect(contractFor(undefined, 'cadre', '2026-03-02')).toBeNull();
  });

  it('asks for the establishment and the status', () => {
    expect(setupErrors({ establishmentId: '', professionalStatus: '' }, undefined)).toEqual({
      establishmentId: 'Choisissez l’établissement du salarié',
      professionalStatus: 'Choisissez le statut professionnel',
    });
    expect(setupErrors(setup, establishment)).toEqual({});
  });
});
