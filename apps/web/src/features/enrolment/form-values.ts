import type { UseFormReturnType } from '@mantine/form';
import type { BeneficiaryType } from '@affilia/shared/domain/enums';
import { parseNir } from '@affilia/shared/validators/nir';
import { birthDateError } from '@affilia/shared/validators/birth-date';
import { parseFrenchOrIsoDate } from '@affilia/shared/validators/dates';
import type { EnrolmentDraft, EnrolmentForm } from './api/use-enrolment';
import { checkBic, checkIban } from './enrolment-helpers';

export interface BeneficiaryValues {
  /** A stable React key for the row. */
  key: string;
  type: BeneficiaryType;
  lastName: string;
  firstName: string;
  birthDate: string;
  nir: string;
  attachedToNir: string;
  /** « Mon numéro »: attached to the employee's own NIR (not typed, never shown in full). */
  attachedToEmployee: boolean;
}

export interface EnrolmentValues {
  address: {
    addressLine1: string;
    addressLine2: string;
    postalCode: string;
    city: string;
    country: string;
    phone: string;
  };
  optionCode: string;
  /** A new IBAN; empty keeps the saved one. */
  iban: string;
  bic: string;
  noemieConsent: boolean;
  beneficiaries: BeneficiaryValues[];
  certified: boolean;
}

export type EnrolmentFormApi = UseFormReturnType<EnrolmentValues>;

let nextKey = 0;
export const newRowKey = () => `b${++nextKey}`;

/** The form's values from what the server saved. */
export function initialValues(form: EnrolmentForm): EnrolmentValues {
  const a = form.address;
  return {
    address: {
      addressLine1: a.addressLine1 ?? '',
      addressLine2: a.addressLine2 ?? '',
      postalCode: a.postalCode ?? '',
      city: a.city ?? '',
      country: a.country ?? 'France',
      phone: a.phone ?? '',
    },
    optionCode: form.optionCode ?? form.contract.options.find((o) => o.mandatory)?.code ?? '',
    iban: '',
    bic: form.bic ?? '',
    noemieConsent: form.noemieConsent,
    beneficiaries: form.beneficiaries.map((b) => ({
      key: newRowKey(),
      type: b.type,
      lastName: b.lastName,
      firstName: b.firstName,
      birthDate: b.birthDate,
      nir: b.nir ?? '',
      attachedToNir: b.attachedToNir ?? '',
      attachedToEmployee: b.attachedToEmployee ?? false,
    })),
    certified: false,
  };
}

const nirError = (value: string): string | null => {
  if (value.trim() === '') return null;
  const parsed = parseNir(value);
  return parsed.ok ? null : parsed.error;
};

/** The checks made in the browser before sending (formats; the server decides what is missing). */
export function validateValues(values: EnrolmentValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const iban = checkIban(values.iban);
  if (iban.error) errors.iban = iban.error;
  const bic = checkBic(values.bic);
  if (bic.error) errors.bic = bic.error;
  values.beneficiaries.forEach((b, i) => {
    if (b.lastName.trim() === '') errors[`beneficiaries.${i}.lastName`] = 'Saisissez le nom';
    if (b.firstName.trim() === '') errors[`beneficiaries.${i}.firstName`] = 'Saisissez le prénom';
    const birthDate = parseFrenchOrIsoDate(b.birthDate);
    const birthDateWrong = birthDate.ok
      ? birthDateError(birthDate.value)
      : 'Saisissez la date de naissance';
    if (birthDateWrong) errors[`beneficiaries.${i}.birthDate`] = birthDateWrong;
    const nir = nirError(b.nir);
    if (nir) errors[`beneficiaries.${i}.nir`] = nir;
    const attached = b.attachedToEmployee ? null : nirError(b.attachedToNir);
    if (attached) errors[`beneficiaries.${i}.attachedToNir`] = attached;
  });
  return errors;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** What « Enregistrer le brouillon » sends. */
export function toDraft(values: EnrolmentValues): EnrolmentDraft {
  const iban = checkIban(values.iban).value;
  return {
    address: {
      addressLine1: values.address.addressLine1,
      addressLine2: values.address.addressLine2,
      postalCode: values.address.postalCode,
      city: values.address.city,
      country: values.address.country,
      phone: values.address.phone,
    },
    optionCode: orNull(values.optionCode),
    ...(iban ? { iban } : {}),
    bic: checkBic(values.bic).value,
    noemieConsent: values.noemieConsent,
    beneficiaries: values.beneficiaries.map((b) => ({
      type: b.type,
      lastName: b.lastName,
      firstName: b.firstName,
      birthDate: parseFrenchOrIsoDate(b.birthDate).ok ? b.birthDate : '',
      nir: orNull(b.nir),
      attachedToNir: b.attachedToEmployee ? null : orNull(b.attachedToNir),
      attachedToEmployee: b.attachedToEmployee,
    })),
  };
}

/** The id of a field's input, from its path (`address.city` → `champ-address-city`). */
export const fieldId = (path: string) => `champ-${path.replace(/\./g, '-')}`;
