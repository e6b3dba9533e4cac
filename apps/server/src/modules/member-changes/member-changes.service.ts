/**
 * The changes of members (issue 20) as the API shows them: the employer's (within the perimeter:
 * 404 outside it) and the back office's queue. The writers are commands/declare-member-change.ts
 * and commands/decide-member-change.ts.
 */
import type { MemberChangeStatus } from '@affilia/shared/domain/member-change';
import {
  MemberChangeDetailsSchema,
  publicDetails,
  type MemberChangeView,
} from '@affilia/shared/schemas/member-changes';
import { recordAudit } from '../../lib/audit';
import type { AppContext } from '../../lib/context';
import { conflict, notFound } from '../../lib/errors';
import type { EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import { findMemberOfPerimeter } from '../members/members.repository';
import {
  findChange,
  findChangeFiles,
  findChangeOfPerimeter,
  findChangesInStatus,
  findChangesOfMember,
  moveMemberChange,
  type MemberChangeRow,
} from './member-changes.repository';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** The rows as the API shows them, with their proofs. */
export async function toViews(
  ctx: Pick<AppContext, 'db'>,
  rows: readonly MemberChangeRow[],
): Promise<MemberChangeView[]> {
  const files = await findChangeFiles(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    member: { id: r.member_id, lastName: r.last_name, firstName: r.first_name },
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    effectiveDate: r.effective_date,
    details: publicDetails(MemberChangeDetailsSchema.parse(JSON.parse(r.details))),
    comment: r.comment,
    returnReason: r.return_reason,
    proofs: files
      .filter((f) => f.member_change_id === r.id)
      .map((f) => ({ id: f.id, fileName: f.original_name, size: f.size })),
    declaredBy: r.created_by_kind,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
  }));
}

/** GET /api/members/:memberId/changes — the member's changes, latest first. */
export async function listChangesOfMember(ctx: Ctx, actor: EmployerActor, memberId: string) {
  const member = await findMemberOfPerimeter(ctx.db, actor, memberId);
  if (!member) throw notFound('Salarié introuvable.');
  return { items: await toViews(ctx, await findChangesOfMember(ctx.db, memberId)) };
}

/** One change within the perimeter, as the API shows it. */
export async function getChange(ctx: Ctx, actor: EmployerActor, id: string) {
  const row = await findChangeOfPerimeter(ctx.db, actor, id);
  if (!row) throw notFound('Changement introuvable.');
  const [view] = await toViews(ctx, [row]);
  return view!;
}

/**
 * « Corriger et renvoyer » (POST /api/member-changes/:id/resend): the change of the perimeter
 * returned by the insurer, its member, and what it already holds (proofs, a beneficiary's NIR)
 * — for commands/declare-member-change.ts to correct it.
 */
export async function returnedChangeToCorrect(ctx: Ctx, actor: EmployerActor, id: string) {
  const row = await findChangeOfPerimeter(ctx.db, actor, id);
  if (!row) throw notFound('Changement introuvable.');
  if (row.status !== 'returned') {
    throw conflict(
      'invalid_transition',
      'Seul un changement retourné par l’assureur peut être corrigé et renvoyé.',
    );
  }
  const member = await findMemberOfPerimeter(ctx.db, actor, row.member_id);
  if (!member) throw notFound('Salarié introuvable.');
  const details = MemberChangeDetailsSchema.parse(JSON.parse(row.details));
  const files = await findChangeFiles(ctx.db, [id]);
  return {
    member,
    resend: {
      id,
      kind: row.kind,
      hasProof: files.length > 0,
      nirEncrypted: details.kind === 'beneficiary' ? details.nirEncrypted : null,
    },
  };
}

/** POST /api/member-changes/:id/cancel — withdrawn before the insurer acts, or after a return. */
export async function cancelChange(
  ctx: Ctx,
  actor: EmployerActor,
  id: string,
  meta: RequestMeta,
): Promise<void> {
  const row = await findChangeOfPerimeter(ctx.db, actor, id);
  if (!row) throw notFound('Changement introuvable.');
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const moved =
      (row.status === 'sent' || row.status === 'returned') &&
      (await moveMemberChange(trx, {
        id,
        from: row.status,
        to: 'cancelled',
        actor: { kind: 'employer', userId: actor.user.id },
        at,
      }));
    if (!moved) {
      throw conflict('invalid_transition', 'Ce changement ne peut plus être annulé.');
    }
    await recordAudit(trx, now, {
      action: 'member_change.cancelled',
      actorUserId: actor.user.id,
      actorKind: 'employer',
      companyId: row.company_id,
      targetType: 'member_change',
      targetId: id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { memberId: row.member_id, kind: row.kind },
    });
  });
}

/** The back office: the changes in a status (the queue: « Envoyée à l’assureur »). */
export async function listChangesForStaff(ctx: Ctx, status: MemberChangeStatus) {
  return { items: await toViews(ctx, await findChangesInStatus(ctx.db, status, 500)) };
}

/** The back office: one change. */
export async function getChangeForStaff(ctx: Ctx, id: string) {
  const row = await findChange(ctx.db, id);
  if (!row) throw notFound('Changement introuvable.');
  const [view] = await toViews(ctx, [row]);
  return view!;
}
