/**
 * Reads of an affiliation request with what its BIA needs (company, establishment, contract,
 * the employee's form, beneficiaries, attachments), shared by the employee's form, the employer's
 * PDF download and the back office. Personal numbers are decrypted here and nowhere logged.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import { computeNirKey, formatNir } from '@affilia/shared/validators/nir';
import { formatIban } from '@affilia/shared/validators/bank';
import type { EnrolmentAddress } from '@affilia/shared/schemas/enrolment';
import type {
  AffiliationRequest,
  AttachmentKind,
  ContractOption,
  BeneficiariesTable,
  Database,
  EnrolmentAttachmentsTable,
  EnrolmentForm,
  EnrolmentFormsTable,
} from '../../db/schema';
import type { FieldCipher } from '../../lib/crypto';
import type { BiaBeneficiary, BiaPdfInput } from './bia-pdf';
import { newId } from '../../lib/ids';

type Db = Kysely<Database>;

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
  beneficiaries: BiaBeneficiary[];
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
/** An attachment as the API shows it: no storage key. */
export function attachmentView(a: FormParts['attachments'][number]) {
  return {
    id: a.id,
    kind: a.kind,
    originalName: a.originalName,
    mimeType: a.mimeType,
    size: a.size,
    createdAt: a.createdAt,
  };
}

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

/** The request's status and token, re-read in the caller's transaction. */
export function findRequestStatus(trx: Db, requestId: string) {
  return trx
    .selectFrom('affiliation_requests')
    .select(['id', 'status', 'form_token_hash'])
    .where('id', '=', requestId)
    .executeTakeFirst();
}

/** The request behind the hash of an emailed link's token. */
export function findRequestByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('affiliation_requests')
    .selectAll()
    .where('form_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** When the request's form was submitted, if it was. */
export async function findSubmittedAt(db: Db, requestId: string): Promise<string | null> {
  const form = await db
    .selectFrom('enrolment_forms')
    .select(['submitted_at'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return form?.submitted_at ?? null;
}

/** The birth-date tries of the request: `attempts` and the lock, as given. */
export async function setBirthDateAttempts(
  db: Db,
  requestId: string,
  attempts: { count: number; lockedUntil: string | null },
): Promise<void> {
  await db
    .updateTable('affiliation_requests')
    .set({ birth_date_attempts: attempts.count, birth_date_locked_until: attempts.lockedUntil })
    .where('id', '=', requestId)
    .execute();
}

/**
 * Counts one wrong birth date in the database (concurrent guesses all count), or starts a new
 * series at 1 after a lock (`restart`); returns the count read back.
 */
export async function countBirthDateAttempt(
  db: Db,
  requestId: string,
  restart: boolean,
): Promise<number> {
  await db
    .updateTable('affiliation_requests')
    .set((eb) => ({
      birth_date_attempts: restart ? 1 : eb('birth_date_attempts', '+', 1),
      birth_date_locked_until: null,
    }))
    .where('id', '=', requestId)
    .execute();
  const row = await db
    .selectFrom('affiliation_requests')
    .select('birth_date_attempts')
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  return row.birth_date_attempts;
}

/** The form row of the request, created empty when missing (in the caller's transaction). */
export async function ensureForm(trx: Db, requestId: string, now: string): Promise<string> {
  const existing = await trx
    .selectFrom('enrolment_forms')
    .select('id')
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await trx
    .insertInto('enrolment_forms')
    .values({
      id,
      request_id: requestId,
      data: JSON.stringify({ address: {} }),
      option_code: null,
      iban_encrypted: null,
      iban_hash: null,
      bic: null,
      certified_at: null,
      submitted_at: null,
      pdf_file_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateForm(
  trx: Db,
  formId: string,
  changes: Updateable<EnrolmentFormsTable>,
): Promise<void> {
  await trx.updateTable('enrolment_forms').set(changes).where('id', '=', formId).execute();
}

/** The form's beneficiaries replaced by these, in this order. */
export async function replaceBeneficiaries(
  trx: Db,
  formId: string,
  rows: Insertable<BeneficiariesTable>[],
): Promise<void> {
  await trx.deleteFrom('beneficiaries').where('enrolment_form_id', '=', formId).execute();
  if (rows.length > 0) await trx.insertInto('beneficiaries').values(rows).execute();
}

export async function countAttachments(trx: Db, formId: string): Promise<number> {
  const row = await trx
    .selectFrom('enrolment_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('form_id', '=', formId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAttachment(
  trx: Db,
  row: Insertable<EnrolmentAttachmentsTable>,
): Promise<void> {
  await trx.insertInto('enrolment_attachments').values(row).execute();
}

/** An attachment of the request's form with its stored file, if the request has it. */
export function findAttachmentOfRequest(db: Db, requestId: string, attachmentId: string) {
  return db
    .selectFrom('enrolment_attachments as a')
    .innerJoin('enrolment_forms as f', 'f.id', 'a.form_id')
    .innerJoin('stored_files as s', 's.id', 'a.file_id')
    .select(['a.id', 'a.file_id', 's.storage_key', 's.original_name', 's.mime_type'])
    .where('a.id', '=', attachmentId)
    .where('f.request_id', '=', requestId)
    .executeTakeFirst();
}

/**
 * Deletes an attachment of the request's form and its stored file's row; returns the file's
 * storage key, or undefined when the request has no such attachment.
 */
export async function deleteAttachment(
  trx: Db,
  requestId: string,
  attachmentId: string,
): Promise<string | undefined> {
  const row = await findAttachmentOfRequest(trx, requestId, attachmentId);
  if (!row) return undefined;
  await trx.deleteFrom('enrolment_attachments').where('id', '=', row.id).execute();
  await trx.deleteFrom('stored_files').where('id', '=', row.file_id).execute();
  return row.storage_key;
}

/** The storage key of the BIA stored when the form was submitted, if any. */
export async function findSubmittedBiaKey(db: Db, requestId: string): Promise<string | undefined> {
  const stored = await db
    .selectFrom('enrolment_forms as f')
    .innerJoin('stored_files as s', 's.id', 'f.pdf_file_id')
    .select(['s.storage_key'])
    .where('f.request_id', '=', requestId)
    .where('f.submitted_at', 'is not', null)
    .executeTakeFirst();
  return stored?.storage_key;
}

/**
 * The form submitted and certified at `at`, with this BIA as its file; the row of the BIA it
 * replaces deleted. Returns the storage key of that replaced BIA, if any.
 */
export async function setSubmittedBia(
  trx: Db,
  form: { id: string; pdf_file_id: string | null },
  bia: { fileId: string; at: string },
): Promise<string | null> {
  const { at } = bia;
  const previous = form.pdf_file_id
    ? await trx
        .selectFrom('stored_files')
        .select('storage_key')
        .where('id', '=', form.pdf_file_id)
        .executeTakeFirst()
    : undefined;
  await updateForm(trx, form.id, {
    certified_at: at,
    submitted_at: at,
    pdf_file_id: bia.fileId,
    updated_at: at,
  });
  if (form.pdf_file_id) {
    await trx.deleteFrom('stored_files').where('id', '=', form.pdf_file_id).execute();
  }
  return previous?.storage_key ?? null;
}

/** The option the employee chose in the form, if any. */
export async function findChosenOption(trx: Db, requestId: string): Promise<string | null> {
  const form = await trx
    .selectFrom('enrolment_forms')
    .select(['option_code'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return form?.option_code ?? null;
}
