/**
 * Test helpers of the enrolment and back-office tests: an affiliation request inserted directly
 * (the employer's pré-affiliation is tested in modules/affiliations), multipart uploads, and the
 * employee's whole journey up to « Valider ».
 */
import { PDFDocument } from 'pdf-lib';
import type { AffiliationMode, AffiliationStatus } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import { newId } from '../../lib/ids';
import { hashToken, newSecretToken } from '../../lib/tokens';
import type { Browser } from '../../../test/helper';
import { postMultipart } from '../../../test/multipart';
import { insertRequest } from '../affiliations/affiliations.repository';
import { recordCreation } from '../affiliations/status';

export const EMPLOYEE_NIR = '1900175123046';
export const EMPLOYEE_BIRTH_DATE = '1990-01-15';

/** A 1×1 PNG. */
export const SMALL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function smallPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  return Buffer.from(await pdf.save());
}

export async function insertAffiliationRequest(
  ctx: AppContext,
  input: {
    company: { id: string };
    establishment: { id: string };
    contract: { id: string };
    createdBy: { id: string };
    mode?: AffiliationMode;
    status?: AffiliationStatus;
    email?: string | null;
    nir13?: string;
    lastName?: string;
    firstName?: string;
    memberId?: string | null;
    /** Days of validity of the link from the clock's now (negative: already expired). */
    validDays?: number;
  },
): Promise<{ id: string; token: string }> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const token = newSecretToken();
  const id = newId();
  const nir = input.nir13 ?? EMPLOYEE_NIR;
  const mode = input.mode ?? 'email';
  const lastName = input.lastName ?? 'Lefèvre';
  const firstName = input.firstName ?? 'Hélène';
  await insertRequest(ctx.db, {
    id,
    company_id: input.company.id,
    establishment_id: input.establishment.id,
    contract_id: input.contract.id,
    member_id: input.memberId ?? null,
    created_by_user_id: input.createdBy.id,
    mode,
    status: input.status ?? 'sent',
    last_name: lastName,
    first_name: firstName,
    email:
      input.email === undefined ? (mode === 'email' ? 'helene@exemple.fr' : null) : input.email,
    nir_encrypted: ctx.cipher.encrypt(nir),
    nir_hash: ctx.cipher.hash(nir),
    birth_date: EMPLOYEE_BIRTH_DATE,
    hire_date: '2026-02-01',
    affiliation_date: '2026-02-01',
    employment_contract_type: 'cdi',
    employment_start_date: '2026-02-01',
    professional_status: 'non_cadre',
    form_token_hash: mode === 'email' ? hashToken(token) : null,
    form_token_expires_at:
      mode === 'email'
        ? new Date(now.getTime() + (input.validDays ?? 30) * 86_400_000).toISOString()
        : null,
    sent_at: at,
    created_at: at,
  });
  await recordCreation(ctx.db, {
    requestId: id,
    status: input.status ?? 'sent',
    actor: { kind: 'employer', userId: input.createdBy.id },
    now,
  });
  return { id, token };
}

/** A multipart upload of one file (optionally after a `kind` field). */
export function upload(
  b: Browser,
  url: string,
  file: { name: string; bytes: Buffer; type?: string },
  kind?: string,
) {
  return postMultipart(b, url, kind === undefined ? {} : { kind }, [{ field: 'file', ...file }], {
    remoteAddress: '203.0.113.10',
  });
}

export const COMPLETE_DRAFT = {
  address: { addressLine1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon' },
  optionCode: 'option1',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  noemieConsent: true,
  beneficiaries: [
    {
      type: 'spouse',
      lastName: 'Lefèvre',
      firstName: 'Marc',
      birthDate: '1989-04-02',
      nir: '1890469123017',
      attachedToNir: null,
    },
    {
      type: 'child',
      lastName: 'Lefèvre',
      firstName: 'Léo',
      birthDate: '2018-09-10',
      nir: null,
      attachedToNir: EMPLOYEE_NIR,
    },
  ],
};

/** The employee's journey: unlock, draft, RIB and certificate, « Valider ». */
export async function completeAndSubmit(b: Browser, token: string) {
  const base = `/api/enrolment/${token}`;
  const steps = [
    await b.post(`${base}/unlock`, { birthDate: '15/01/1990' }),
    await b.put(`${base}/draft`, COMPLETE_DRAFT),
    await upload(
      b,
      `${base}/attachments`,
      { name: 'rib.png', bytes: SMALL_PNG, type: 'image/png' },
      'rib',
    ),
    await upload(
      b,
      `${base}/attachments`,
      { name: 'attestation.pdf', bytes: await smallPdf() },
      'social_security_certificate',
    ),
    await b.post(`${base}/submit`, { certified: true }),
  ];
  for (const res of steps) {
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  }
  return steps[steps.length - 1]!;
}
