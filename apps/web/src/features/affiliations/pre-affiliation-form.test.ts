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
  contracts: {
    cadre: null,
    non_cadre: { id: 'k-1', number: 'FS-001', label: 'Frais de santé', startDate: '2024-01-01' },
  },
};

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
      "La date d'affiliation ne peut pas être antérieure à la date d'entrée dans l'entreprise",
    );
  });
});

describe('step 1', () => {
  it('finds the contract of the collège', () => {
    expect(contractFor(establishment, 'non_cadre')?.number).toBe('FS-001');
    expect(contractFor(establishment, 'cadre')).toBeNull();
    expect(contractFor(undefined, 'cadre')).toBeNull();
  });

  it('asks for the establishment and the status', () => {
    expect(setupErrors({ establishmentId: '', professionalStatus: '' }, undefined)).toEqual({
      establishmentId: "Choisissez l'établissement du salarié",
      professionalStatus: 'Choisissez le statut professionnel',
    });
    expect(setupErrors(setup, establishment)).toEqual({});
  });
});
