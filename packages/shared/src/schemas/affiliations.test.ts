import { describe, expect, it } from 'vitest';
import { computeNirKey } from '../validators/nir';
import { AffiliationListQuerySchema, PreAffiliationSchema } from './affiliations';

const valid = {
  establishmentId: 'etab-1',
  professionalStatus: 'non_cadre',
  alreadyAffiliated: false,
  lastName: ' Lefèvre ',
  firstName: 'Hélène',
  email: 'Helene.Lefevre@Example.com',
  nir: '1 85 06 75 123 456',
  birthDate: '15/06/1985',
  hireDate: '2026-02-02',
  affiliationDate: '2026-03-01',
  employmentContractType: 'cdi',
  employmentStartDate: '2026-02-02',
};

/** The first message of each path. */
function errors(input: unknown): Record<string, string> {
  const result = PreAffiliationSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('PreAffiliationSchema', () => {
  it('normalises a valid form', () => {
    const v = PreAffiliationSchema.parse(valid);
    expect(v).toMatchObject({
      lastName: 'Lefèvre',
      email: 'helene.lefevre@example.com',
      nir: '1850675123456',
      birthDate: '1985-06-15',
    });
    expect(v.employmentEndDate).toBeUndefined();
    expect(v.positionInCompany).toBeUndefined();
  });

  it('makes the email optional (mode « Courrier »)', () => {
    expect(PreAffiliationSchema.parse({ ...valid, email: '' }).email).toBeUndefined();
    expect(PreAffiliationSchema.parse({ ...valid, email: null }).email).toBeUndefined();
    const { email: _email, ...withoutEmail } = valid;
    expect(PreAffiliationSchema.parse(withoutEmail).email).toBeUndefined();
    expect(errors({ ...valid, email: 'pas-une-adresse' }).email).toBe(
      'Saisissez une adresse e-mail valide',
    );
  });

  it('accepts the key when right, 2A / 2B, and says what is wrong on the nir field', () => {
    const nir = '1850675123456';
    expect(PreAffiliationSchema.parse({ ...valid, nir: nir + computeNirKey(nir) }).nir).toBe(nir);
    expect(PreAffiliationSchema.parse({ ...valid, nir: '185062a123456' }).nir).toBe(
      '185062A123456',
    );
    expect(PreAffiliationSchema.parse({ ...valid, nir: '185062B123456' }).nir).toBe(
      '185062B123456',
    );
    const wrong = computeNirKey(nir) === '01' ? '02' : '01';
    expect(errors({ ...valid, nir: nir + wrong }).nir).toBe(
      'La clé du numéro de sécurité sociale ne correspond pas',
    );
    expect(errors({ ...valid, nir: '12345' }).nir).toMatch(/13 caractères/);
  });

  it('requires the end date of fixed-term contracts, after the start', () => {
    for (const type of ['cdd', 'cdd_usage', 'apprenticeship', 'professionalisation', 'interim']) {
      expect(errors({ ...valid, employmentContractType: type }).employmentEndDate).toBe(
        'La date de fin du contrat de travail est obligatoire pour ce type de contrat',
      );
    }
    expect(errors({ ...valid, employmentContractType: 'cdi_intermittent' })).toEqual({});
    expect(
      errors({ ...valid, employmentContractType: 'cdd', employmentEndDate: '2026-02-02' })
        .employmentEndDate,
    ).toBe('La date de fin du contrat de travail doit être postérieure à la date de début');
    expect(
      errors({ ...valid, employmentContractType: 'cdd', employmentEndDate: '31/12/2026' }),
    ).toEqual({});
  });

  it('keeps the affiliation date on or after the hire date', () => {
    expect(errors({ ...valid, affiliationDate: '2026-02-01' }).affiliationDate).toBe(
      'La date d’affiliation ne peut pas être antérieure à la date d’entrée dans l’entreprise',
    );
    expect(errors({ ...valid, affiliationDate: '2026-02-02' })).toEqual({});
    expect(
      errors({ ...valid, hireDate: '1980-01-01', affiliationDate: '1980-01-01' }).hireDate,
    ).toMatch(/postérieure à la date de naissance/);
  });

  it('refuses an impossible birth date: in the future, 1885, a hire under 14 (issue 14 #9)', () => {
    expect(
      errors({
        ...valid,
        birthDate: '14/05/2099',
        hireDate: '2120-01-01',
        affiliationDate: '2120-01-01',
        employmentStartDate: '2120-01-01',
      }).birthDate,
    ).toBe('La date de naissance ne peut pas être dans le futur');
    expect(errors({ ...valid, birthDate: '14/05/1885' }).birthDate).toBe(
      'Cette date de naissance donnerait plus de 120 ans : vérifiez l’année',
    );
    expect(errors({ ...valid, birthDate: '2015-06-15' }).birthDate).toMatch(
      /au moins 14 ans à son entrée dans l’entreprise \(Code du travail, art\. L4153-1/,
    );
    expect(errors({ ...valid, birthDate: '1940-06-15' }).birthDate).toBe(
      'Le salarié aurait 85 ans à son entrée dans l’entreprise : vérifiez la date de naissance',
    );
    expect(errors({ ...valid, birthDate: '2012-02-02' })).toEqual({});
  });

  it('puts each error on its field, in French', () => {
    const e = errors({
      ...valid,
      lastName: '  ',
      professionalStatus: 'stagiaire',
      birthDate: '31/02/1985',
    });
    expect(e).toMatchObject({
      lastName: 'Saisissez le nom du salarié',
      professionalStatus: 'Choisissez le statut professionnel',
      birthDate: 'Cette date n’existe pas',
    });
  });
});

describe('AffiliationListQuerySchema', () => {
  it('has defaults and treats empty filters as none', () => {
    expect(AffiliationListQuerySchema.parse({ q: '', from: '' })).toMatchObject({
      q: undefined,
      from: undefined,
      sort: 'status_changed_at',
      order: 'desc',
      page: 1,
      pageSize: 25,
    });
    expect(AffiliationListQuerySchema.safeParse({ pageSize: '10' }).success).toBe(false);
  });
});
