import { describe, expect, it } from 'vitest';
import type { EnrolmentValues } from './form-values';
import { toDraft, validateValues } from './form-values';

const values = (birthDate: string): EnrolmentValues => ({
  address: { addressLine1: '', addressLine2: '', postalCode: '', city: '', country: '', phone: '' },
  optionCode: '',
  iban: '',
  bic: '',
  noemieConsent: false,
  certified: false,
  beneficiaries: [
    {
      key: 'b1',
      type: 'child',
      lastName: 'Lefèvre',
      firstName: 'Léo',
      birthDate,
      nir: '',
      attachedToNir: '',
      attachedToEmployee: false,
    },
  ],
});

describe('validateValues', () => {
  it('checks a beneficiary’s birth date in the browser as the server does (issue 14 #9)', () => {
    expect(validateValues(values('2099-05-14'))).toEqual({
      'beneficiaries.0.birthDate': 'La date de naissance ne peut pas être dans le futur',
    });
    expect(validateValues(values('1885-05-14'))['beneficiaries.0.birthDate']).toMatch(
      /plus de 120 ans/,
    );
    expect(validateValues(values('2018-09-10'))).toEqual({});
  });
});

describe('« mon numéro » (issue 14 #25)', () => {
  it('sends the child attached to the employee’s own number, without the number', () => {
    const v = values('2018-09-10');
    v.beneficiaries[0] = { ...v.beneficiaries[0]!, attachedToEmployee: true, attachedToNir: '12' };
    expect(validateValues(v)).toEqual({});
    expect(toDraft(v).beneficiaries).toEqual([
      expect.objectContaining({ attachedToEmployee: true, attachedToNir: null }),
    ]);
  });
});
