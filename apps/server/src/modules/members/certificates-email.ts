/**
 * The certificates emailed to the employee once the insurer validates their affiliation (issue
 * 20): « Attestation d’affiliation » and « Carte de tiers payant », attached to one email. As the
 * radiation's notice (radiations/notice.ts): never inside the validation's transaction (rendering
 * two PDFs takes tens of milliseconds); the PDFs rendered and stored first, then one short
 * transaction claims the sending (`certificates_sent_at`, at most once however many callers) and
 * queues the email with its audit line. A process stopped between the validation's commit and
 * this call leaves it to the `affiliations.certificates` job.
 */
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { enqueueEmail, type OutboxAttachment } from '../../lib/outbox/outbox';
import { getBranding } from '../settings/settings.service';
import { factsOfMember, nothingToCertify, renderCertificate } from './certificates';
import {
  claimCertificatesEmail,
  findCertificatesToSend,
  findValidatedRequestForCertificates,
} from './certificates-email.repository';
import { findMemberForSystem } from './members.repository';

export type CertificatesSending = 'email' | 'no_email' | 'already' | 'no_coverage';

export async function sendAffiliationCertificates(
  ctx: AppContext,
  requestId: string,
): Promise<CertificatesSending> {
  const request = await findValidatedRequestForCertificates(ctx.db, requestId);
  if (!request?.member_id || request.certificates_sent_at) return 'already';
  const to = request.email;
  if (!to) return 'no_email';
  const member = await findMemberForSystem(ctx.db, request.member_id);
  if (!member) return 'already';
  const now = ctx.clock.now();
  // Validated, but the cover ended since (a validation long after the dates): nothing to
  // certify, marked done so that the job does not try again every period. Other errors throw
  // and are left to the job.
  const orNothing = (err: unknown) => {
    if (nothingToCertify(err)) return null;
    throw err;
  };
  const facts = await factsOfMember(ctx, member).catch(orNothing);
  if (!facts) {
    await claimCertificatesEmail(ctx.db, requestId, now.toISOString());
    return 'no_coverage';
  }
  const files: OutboxAttachment[] = [];
  for (const kind of ['affiliation', 'third_party_payment'] as const) {
    // The card is not made for a cover that ended: the attestation goes alone.
    const file = await renderCertificate(kind, facts, now).catch(orNothing);
    if (!file) continue;
    const saved = await ctx.storage.save(file.bytes, {
      originalName: file.fileName,
      mimeType: 'application/pdf',
    });
    files.push({
      fileName: file.fileName,
      mimeType: 'application/pdf',
      storageKey: saved.storageKey,
    });
  }
  const branding = await getBranding(ctx);
  const queued = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimCertificatesEmail(trx, requestId, now.toISOString()))) return false;
    await enqueueEmail(trx, {
      to,
      template: 'affiliation_certificates',
      data: {
        firstName: member.first_name,
        companyName: member.company_name,
        from: formatFrenchDate(facts.coverage.effectiveDate),
      },
      branding,
      now,
      attachments: files,
    });
    await recordAudit(trx, now, {
      action: 'affiliation.certificates_sent',
      actorKind: 'system',
      companyId: member.company_id,
      targetType: 'affiliation_request',
      targetId: requestId,
      details: { memberId: member.id },
    });
    return true;
  });
  if (!queued) {
    for (const f of files) await ctx.storage.remove(f.storageKey).catch(() => undefined);
    return 'already';
  }
  ctx.outboxWorker?.wake();
  return 'email';
}

/** Validations older than this whose certificates have not left are the job's to send. */
const GRACE_MS = 60_000;

/**
 * The `affiliations.certificates` job: the certificates of every validation that has not emailed
 * them a minute after it (the process stopped in between), sent now; the count sent.
 */
export async function sendPendingCertificates(ctx: AppContext, now: Date): Promise<number> {
  const before = new Date(now.getTime() - GRACE_MS).toISOString();
  let sent = 0;
  for (const id of await findCertificatesToSend(ctx.db, before, 200)) {
    if ((await sendAffiliationCertificates(ctx, id)) === 'email') sent += 1;
  }
  return sent;
}
