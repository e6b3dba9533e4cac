/**
 * The BIA of a request as a PDF: the completed one stored at submission, else the pre-filled
 * one (mode « Courrier ») made on the fly. For the employer (within the perimeter, with
 * `affiliations.manage`) and the back office.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppContext } from '../../lib/context';
import type { FieldCipher } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import type { EmployerActor } from '../../lib/policies';
import { isAffiliationInPerimeter } from '../affiliations/affiliations.repository';
import { getBranding } from '../settings/settings.service';
import { renderBiaPdf } from './bia-pdf';
import {
  biaInput,
  findSubmittedBiaKey,
  loadBiaBranding,
  loadFormParts,
  loadRequestContext,
  type FormParts,
  type RequestContext,
} from './enrolment.repository';

/** « BIA-Nom-Prénom.pdf ». */
export function biaFileName(request: { last_name: string; first_name: string }): string {
  return `BIA-${request.last_name}-${request.first_name}.pdf`;
}

/**
 * The completed BIA as « Valider » stores it: everything the employee gave (address, option,
 * IBAN masked, beneficiaries, attachments), certified at `certifiedAt`. The one code path of a
 * real submission and of the demo seed.
 */
export async function renderCompletedBia(
  db: Kysely<Database>,
  cipher: FieldCipher,
  parts: { rc: RequestContext; form: FormParts & { form: NonNullable<FormParts['form']> } },
  branding: { brandName: string; primaryColor: string },
  certifiedAt: Date,
): Promise<Buffer> {
  const at = certifiedAt.toISOString();
  const form = { ...parts.form, form: { ...parts.form.form, certified_at: at } };
  return renderBiaPdf(
    biaInput(cipher, parts.rc, form, await loadBiaBranding(db, branding)),
    certifiedAt,
  );
}

/** The completed BIA of a submitted request, read from the database (see `renderCompletedBia`). */
export async function renderSubmittedBia(
  db: Kysely<Database>,
  cipher: FieldCipher,
  requestId: string,
  branding: { brandName: string; primaryColor: string },
  certifiedAt: Date,
): Promise<{ bytes: Buffer; fileName: string }> {
  const rc = await loadRequestContext(db, requestId);
  const form = await loadFormParts(db, cipher, requestId);
  if (!rc || !form.form) throw new Error(`No enrolment form for request ${requestId}`);
  const bytes = await renderCompletedBia(
    db,
    cipher,
    { rc, form: { ...form, form: form.form } },
    branding,
    certifiedAt,
  );
  return { bytes, fileName: biaFileName(rc.request) };
}

export async function getBiaPdf(
  ctx: AppContext,
  requestId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const rc = await loadRequestContext(ctx.db, requestId);
  if (!rc) throw notFound();
  const r = rc.request;
  const fileName = biaFileName(r);
  const storedKey = await findSubmittedBiaKey(ctx.db, requestId);
  if (storedKey) return { bytes: await ctx.storage.read(storedKey), fileName };
  const branding = await loadBiaBranding(ctx.db, await getBranding(ctx));
  const bytes = await renderBiaPdf(biaInput(ctx.cipher, rc, null, branding), ctx.clock.now());
  return { bytes, fileName };
}

/** GET /api/affiliations/:id/bia.pdf: 404 outside the perimeter or without the permission. */
export async function getEmployerBiaPdf(
  ctx: AppContext,
  actor: EmployerActor,
  requestId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const visible = await isAffiliationInPerimeter(ctx.db, actor, requestId);
  if (!visible) throw notFound('Cette demande d’affiliation est introuvable.');
  return getBiaPdf(ctx, requestId);
}
