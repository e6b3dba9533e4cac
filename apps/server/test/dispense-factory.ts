/**
 * Dispenses for the employer's tests (issue 19): a paper dispense recorded through the one writer
 * (requestDispense: its dates, sworn statement, signed request and proof), then moved to the
 * status and dates the test needs, as the insurer's decision and the jobs would leave it.
 */
import type { DispenseCaseCode, DispenseStatus } from '@affilia/shared/domain/dispense';
import { requestDispense } from '../src/commands/request-dispense';
import { storeCheckedProof } from '../src/lib/checked-file';
import type { AppContext } from '../src/lib/context';
import { loadRequest } from '../src/modules/affiliations/affiliations.repository';
import { createDispense } from './factories';

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export interface DispenseInput {
  requestId: string;
  /** The employer user who records it. */
  userId: string;
  caseCode?: DispenseCaseCode;
  status?: DispenseStatus;
  endDate?: string | null;
  renewalDueDate?: string | null;
  createdAt?: string;
}

/** A dispense of the request in `status` (default `requested`), with its two files. */
export async function createDispenseWithFiles(ctx: AppContext, input: DispenseInput) {
  const request = await loadRequest(ctx.db, input.requestId);
  const file = async (kind: 'proof' | 'signed_request') => ({
    ...(await storeCheckedProof(ctx.storage, {
      bytes: PDF_BYTES,
      fileName: kind === 'proof' ? 'attestation.pdf' : 'demande-signee.pdf',
    })),
    kind,
  });
  const caseCode = input.caseCode ?? 'multi_employer';
  const row = await requestDispense(ctx, {
    request,
    fields: {
      caseCode,
      otherPlanType: caseCode === 'multi_employer' ? 'public_service' : null,
      justificationEndDate: input.endDate ?? null,
    },
    origin: 'paper',
    actor: { kind: 'employer', userId: input.userId },
    signedOn: '2026-01-10',
    files: [await file('signed_request'), await file('proof')],
  });
  const status = input.status ?? 'requested';
  await ctx.db
    .updateTable('dispenses')
    .set({
      status,
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.renewalDueDate !== undefined ? { renewal_due_date: input.renewalDueDate } : {}),
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
      decided_at: status === 'requested' ? null : ctx.clock.now().toISOString(),
      refusal_reason: status === 'refused' ? 'Attestation illisible' : null,
    })
    .where('id', '=', row.id)
    .execute();
  if (status !== 'requested') {
    const requestStatus = ['validated', 'expired', 'renewed'].includes(status)
      ? 'dispensed'
      : status === 'refused'
        ? 'returned'
        : 'dispense_requested';
    await ctx.db
      .updateTable('affiliation_requests')
      .set({ status: requestStatus })
      .where('id', '=', request.id)
      .execute();
  }
  return { id: row.id, requestId: request.id };
}

/** A renewal of a dispense (status, due date as given), created after it. */
export async function createRenewal(
  ctx: AppContext,
  renewed: { id: string },
  over: { status: DispenseStatus; createdAt: string; renewalDueDate?: string | null },
) {
  const base = await ctx.db
    .selectFrom('dispenses')
    .selectAll()
    .where('id', '=', renewed.id)
    .executeTakeFirstOrThrow();
  return createDispense(
    ctx.db,
    { id: base.request_id, company_id: base.company_id, establishment_id: base.establishment_id },
    {
      case_code: base.case_code,
      effective_date: base.renewal_due_date ?? base.effective_date,
      end_date: base.end_date,
      renewal_due_date: over.renewalDueDate ?? base.renewal_due_date,
      renews_dispense_id: base.id,
      status: over.status,
      created_at: over.createdAt,
    },
  );
}
