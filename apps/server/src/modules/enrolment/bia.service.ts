/**
 * The BIA of a request as a PDF: the completed one stored at submission, else the pre-filled
 * one (mode « Courrier ») made on the fly. For the employer (within the perimeter, with
 * `affiliations.manage`) and the back office.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { inPerimeter, type EmployerActor } from '../../lib/policies';
import { getBranding } from '../settings/settings.service';
import { renderBiaPdf } from './bia-pdf';
import { biaInput, loadBiaBranding, loadRequestContext } from './enrolment.repository';

export async function getBiaPdf(
  ctx: AppContext,
  requestId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const rc = await loadRequestContext(ctx.db, requestId);
  if (!rc) throw notFound();
  const r = rc.request;
  const fileName = `BIA-${r.last_name}-${r.first_name}.pdf`;
  const stored = await ctx.db
    .selectFrom('enrolment_forms as f')
    .innerJoin('stored_files as s', 's.id', 'f.pdf_file_id')
    .select(['s.storage_key'])
    .where('f.request_id', '=', requestId)
    .where('f.submitted_at', 'is not', null)
    .executeTakeFirst();
  if (stored) return { bytes: await ctx.storage.read(stored.storage_key), fileName };
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
  const visible = await ctx.db
    .selectFrom('affiliation_requests as r')
    .select('r.id')
    .where('r.id', '=', requestId)
    .where(
      inPerimeter(
        actor,
        'affiliations.manage',
        sql.ref('r.establishment_id'),
        sql.ref('r.company_id'),
      ),
    )
    .executeTakeFirst();
  if (!visible) throw notFound("Cette demande d'affiliation est introuvable.");
  return getBiaPdf(ctx, requestId);
}
