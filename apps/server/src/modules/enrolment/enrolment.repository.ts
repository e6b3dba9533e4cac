/**
 * Reads of an affiliation request with what its BIA needs (company, establishment, contract,
 * the employee's form, beneficiaries, attachments), shared by the employee's form, the employer's
 * PDF download and the back office. Personal numbers are decrypted here and nowhere logged.
 */
import type { Kysely } from 'kysely';
import { computeNirKey, formatNir } from '@affilia/shared/validators/nir';
import { formatIban } from '@affilia/shared/validators/bank';
import type { EnrolmentAddress } from '@affilia/shared/schemas/enrolment';
import type {
  AffiliationRequest,
  AttachmentKind,
  BeneficiaryType,
  ContractOption,
  Database,
  EnrolmentForm,
} from '../../db/schema';
import type { FieldCipher } from '../../lib/crypto';
import type { BiaPdfInput } from './bia-pdf';
import { linkInvalid } from './form-access';

export interface RequestContext {
  request: AffiliationRequest;
  company: { id: string; name: string; siren: string; insurer_company_identifier: string };
  establishment: { id: string; name: string; siret: string };
  contract: { id: string; number: string; label: string; options: ContractOption[] };
}

export async function loadRequestContext(
  db: Kysely<Database>,
  requestId: string,
): Promise<RequestContext | null> {
  const request = await db
    .selectFrom('affiliation_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request) return null;
  const [company, establishment, contract] = await Promise.all([
    db
      .selectFrom('companies')
      .select(['id', 'name', 'siren', 'insurer_company_identifier'])
      .where('id', '=', request.company_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('establishments')
      .select(['id', 'name', 'siret'])
      .where('id', '=', request.establishment_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('contracts')
      .select(['id', 'number', 'label', 'options'])
      .where('id', '=', request.contract_id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    request,
    company,
    establishment,
    contract: { ...contract, options: parseOptions(contract.options) },
  };
}

export function parseOptions(json: string): ContractOption[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ContractOption[]) : [];
  } catch {
    return [];
  }
}

export interface FormParts {
  form: EnrolmentForm | null;
  address: EnrolmentAddress;
  beneficiaries: {
    type: BeneficiaryType;
    lastName: string;
    firstName: string;
    birthDate: string;
    nir: string | null;
    attachedToNir: string | null;
  }[];
  attachments: {
    id: string;
    kind: AttachmentKind;
    fileId: string;
    storageKey: string;
    originalName: string;
    mimeType: string;
    size: number;
    createdAt: string;
  }[];
}

export async function loadFormParts(
  db: Kysely<Database>,
  cipher: FieldCipher,
  requestId: string,
): Promise<FormParts> {
  const form =
    (await db
      .selectFrom('enrolment_forms')
      .selectAll()
      .where('request_id', '=', requestId)
      .executeTakeFirst()) ?? null;
  if (!form) return { form: null, address: {}, beneficiaries: [], attachments: [] };
  const [beneficiaries, attachments] = await Promise.all([
    db
      .selectFrom('beneficiaries')
      .selectAll()
      .where('enrolment_form_id', '=', form.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('enrolment_attachments as a')
      .innerJoin('stored_files as f', 'f.id', 'a.file_id')
      .select([
        'a.id',
        'a.kind',
        'a.file_id',
        'a.created_at',
        'f.storage_key',
        'f.original_name',
        'f.mime_type',
        'f.size',
      ])
      .where('a.form_id', '=', form.id)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute(),
  ]);
  return {
    form,
    address: parseAddress(form.data),
    beneficiaries: beneficiaries.map((b) => ({
      type: b.type,
      lastName: b.last_name,
      firstName: b.first_name,
      birthDate: b.birth_date,
      nir: b.nir_encrypted ? cipher.decrypt(b.nir_encrypted) : null,
      attachedToNir: b.attached_to_nir_encrypted
        ? cipher.decrypt(b.attached_to_nir_encrypted)
        : null,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      fileId: a.file_id,
      storageKey: a.storage_key,
      originalName: a.original_name,
      mimeType: a.mime_type,
      size: Number(a.size),
      createdAt: a.created_at,
    })),
  };
}

function parseAddress(json: string): EnrolmentAddress {
  try {
    const value = JSON.parse(json) as { address?: EnrolmentAddress };
    return value.address ?? {};
  } catch {
    return {};
  }
}

/** "FR7630006000011234567890189" → "FR76 **** **** **** **** **** 189". */
export function maskIban(iban: string): string {
  const grouped = formatIban(iban);
  const last = iban.slice(-3);
  const masked = grouped
    .slice(5)
    .replace(/[A-Z0-9]/g, '*')
    .slice(0, -3);
  return `${grouped.slice(0, 5)}${masked}${last}`;
}

/** The NIR with its key, grouped as on a Vitale card (a temporary number has no key). */
export function displayNir(nir13: string): string {
  try {
    return formatNir(nir13, computeNirKey(nir13));
  } catch {
    return formatNir(nir13);
  }
}

/** "1 85 06 75 *** *** **": enough for the employee to recognise it, not to read it. */
export function maskNir(nir13: string): string {
  const shown = displayNir(nir13);
  return shown.slice(0, 10) + shown.slice(10).replace(/[0-9A-Z]/g, '*');
}

/** What the BIA PDF shows, from the request and (when completed) the employee's form. */
export function biaInput(
  cipher: FieldCipher,
  rc: RequestContext,
  parts: FormParts | null,
  branding: { brandName: string; primaryColor: string; postalAddress: string | null },
): BiaPdfInput {
  const r = rc.request;
  const form = parts?.form;
  return {
    ...branding,
    company: {
      name: rc.company.name,
      siren: rc.company.siren,
      insurerIdentifier: rc.company.insurer_company_identifier,
    },
    establishment: { name: rc.establishment.name, siret: rc.establishment.siret },
    contract: rc.contract,
    employee: {
      lastName: r.last_name,
      firstName: r.first_name,
      birthDate: r.birth_date,
      nir: displayNir(cipher.decrypt(r.nir_encrypted)),
      email: r.email,
      hireDate: r.hire_date,
      affiliationDate: r.affiliation_date,
      professionalStatus: r.professional_status,
      employmentContractType: r.employment_contract_type,
      employmentStartDate: r.employment_start_date,
      employmentEndDate: r.employment_end_date,
    },
    completed:
      parts && form
        ? {
            address: parts.address,
            optionCode: form.option_code,
            maskedIban: form.iban_encrypted ? maskIban(cipher.decrypt(form.iban_encrypted)) : null,
            bic: form.bic,
            noemieConsent: form.noemie_consent === 1,
            beneficiaries: parts.beneficiaries.map((b) => ({
              ...b,
              nir: b.nir ? displayNir(b.nir) : null,
              attachedToNir: b.attachedToNir ? displayNir(b.attachedToNir) : null,
            })),
            attachments: parts.attachments,
            certifiedAt: form.certified_at ?? '',
          }
        : null,
  };
}

/** The branding and postal address printed on a BIA (read outside any transaction). */
export async function loadBiaBranding(
  db: Kysely<Database>,
  fallback: { brandName: string; primaryColor: string },
): Promise<{ brandName: string; primaryColor: string; postalAddress: string | null }> {
  const row = await db
    .selectFrom('insurer_settings')
    .select(['brand_name', 'primary_color', 'postal_address'])
    .executeTakeFirst();
  return {
    brandName: row?.brand_name ?? fallback.brandName,
    primaryColor: row?.primary_color ?? fallback.primaryColor,
    postalAddress: row?.postal_address ?? null,
  };
}

/** The request, re-read in the transaction: still open to the employee, or 404. */
export async function openRequestIn(trx: Kysely<Database>, requestId: string) {
  const row = await trx
    .selectFrom('affiliation_requests')
    .select(['id', 'status', 'form_token_hash'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row || !['sent', 'started', 'returned'].includes(row.status)) throw linkInvalid();
  return row;
}
