/**
 * The employee's beneficiaries link (issue 20). The employer, on a member's page: « Envoyer un
 * lien au salarié » (a member of their perimeter with a coverage running or to come, the
 * permission to declare a change), the link's state, resend and revoke — each audited, one live
 * link per member. The employee, once the birth date confirmed (member-link-access.ts): their
 * beneficiaries and the changes waiting, and a declaration — the same change of the member as
 * the employer's, through the same command (commands/declare-member-change.ts), by « employee ».
 */
import { coverageStatus } from '@affilia/shared/domain/coverage';
import type { MemberChangeDetails } from '@affilia/shared/schemas/member-changes';
import { MemberChangeDetailsSchema } from '@affilia/shared/schemas/member-changes';
import type {
  MemberLinkPage,
  MemberLinkSendInput,
  MemberLinkView,
} from '@affilia/shared/schemas/member-links';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { declareMemberChange } from '../../commands/declare-member-change';
import { recordAudit } from '../../lib/audit';
import type { CheckedFile } from '../../lib/checked-file';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { authorize, type EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import { hashToken, newSecretToken } from '../../lib/tokens';
import { loadAffiliationSettings } from '../affiliations/affiliations.repository';
import { findChangesOfMember } from '../member-changes/member-changes.repository';
import { findOpenBeneficiaries } from '../members/member-beneficiaries.repository';
import {
  findCoveragesOfMember,
  findMemberForSystem,
  findMemberOfPerimeter,
} from '../members/members.repository';
import { getBranding } from '../settings/settings.service';
import { memberLinkInvalid, type MemberLinkActor } from './member-link-access';
import {
  findLatestLinkOfMember,
  insertMemberLink,
  markLinkUsed,
  revokeLinksOfMember,
  type MemberLink,
} from './member-links.repository';
import type { MemberChangeCreate } from '@affilia/shared/schemas/member-changes';

const DAY_MS = 86_400_000;

export function toLinkView(link: MemberLink, now: Date): MemberLinkView {
  return {
    id: link.id,
    email: link.email,
    state:
      link.revoked_at !== null
        ? 'revoked'
        : link.expires_at <= now.toISOString()
          ? 'expired'
          : 'active',
    sentAt: link.created_at,
    expiresAt: link.expires_at,
    revokedAt: link.revoked_at,
    lastUsedAt: link.last_used_at,
  };
}

/** The member in the perimeter, with the right to declare their changes; 404 outside it. */
async function memberToManage(ctx: AppContext, actor: EmployerActor, memberId: string) {
  const member = await findMemberOfPerimeter(ctx.db, actor, memberId);
  if (!member) throw notFound('Salarié introuvable.');
  authorize(actor, 'affiliations.manage', member.company_id);
  return member;
}

/** GET /api/members/:memberId/employee-link — the latest link sent, if any. */
export async function getMemberLink(ctx: AppContext, actor: EmployerActor, memberId: string) {
  const member = await memberToManage(ctx, actor, memberId);
  const link = await findLatestLinkOfMember(ctx.db, member.id);
  return { link: link ? toLinkView(link, ctx.clock.now()) : null };
}

/**
 * POST /api/members/:memberId/employee-link — « Envoyer un lien au salarié »: a new link valid
 * the insurer's `affiliation_expiry_days` (the previous one dies), emailed through the outbox.
 */
export async function sendMemberLink(
  ctx: AppContext,
  actor: EmployerActor,
  memberId: string,
  input: { email: MemberLinkSendInput['email'] },
  meta: RequestMeta,
): Promise<MemberLinkView> {
  const member = await memberToManage(ctx, actor, memberId);
  const now = ctx.clock.now();
  const today = parisDate(now);
  const covered = (await findCoveragesOfMember(ctx.db, member.id)).some(
    (c) => c.kind === 'employee' && coverageStatus(c.effective_date, c.end_date, today) !== 'ended',
  );
  if (!covered) {
    throw conflict(
      'member_not_covered',
      'Ce salarié n’a pas de couverture en cours : il ne peut pas déclarer de bénéficiaires.',
    );
  }
  const [settings, branding] = await Promise.all([
    loadAffiliationSettings(ctx.db),
    getBranding(ctx),
  ]);
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + settings.expiryDays * DAY_MS);
  const id = newId();
  const at = now.toISOString();
  const row = {
    id,
    member_id: member.id,
    company_id: member.company_id,
    establishment_id: member.establishment_id,
    token_hash: hashToken(token),
    email: input.email,
    expires_at: expiresAt.toISOString(),
    created_by_user_id: actor.user.id,
    revoked_at: null,
    revoked_by_user_id: null,
    last_used_at: null,
    birth_date_attempts: 0,
    birth_date_locked_until: null,
    created_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await insertMemberLink(trx, row, actor.user.id);
    await recordAudit(trx, now, {
      action: 'member_link.sent',
      actorUserId: actor.user.id,
      actorKind: 'employer',
      companyId: member.company_id,
      targetType: 'member_link',
      targetId: id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: {
        memberId: member.id,
        email: input.email,
        deadline: expiresAt.toISOString(),
        count: revoked,
      },
    });
    await enqueueEmail(trx, {
      to: input.email,
      template: 'member_link',
      data: {
        firstName: member.first_name,
        companyName: member.company_name,
        url: `${ctx.config.publicUrl}/beneficiaires/${token}`,
        expiresOn: formatFrenchDate(parisDate(expiresAt)),
      },
      branding,
      now,
    });
  });
  ctx.outboxWorker?.wake();
  return toLinkView(row, now);
}

/** DELETE /api/members/:memberId/employee-link — the live link dies; 409 when none is. */
export async function revokeMemberLink(
  ctx: AppContext,
  actor: EmployerActor,
  memberId: string,
  meta: RequestMeta,
): Promise<void> {
  const member = await memberToManage(ctx, actor, memberId);
  const now = ctx.clock.now();
  const latest = await findLatestLinkOfMember(ctx.db, member.id);
  await ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeLinksOfMember(trx, {
      memberId: member.id,
      at: now.toISOString(),
      by: actor.user.id,
    });
    if (revoked === 0) {
      throw conflict('member_link_not_active', 'Aucun lien actif n’a été envoyé à ce salarié.');
    }
    await recordAudit(trx, now, {
      action: 'member_link.revoked',
      actorUserId: actor.user.id,
      actorKind: 'employer',
      companyId: member.company_id,
      targetType: 'member_link',
      targetId: latest?.id ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { memberId: member.id },
    });
  });
}

/** A beneficiary change as the employee's page lists it. */
function beneficiaryDetails(
  details: string,
): Extract<MemberChangeDetails, { kind: 'beneficiary' }> | null {
  const parsed = MemberChangeDetailsSchema.parse(JSON.parse(details));
  return parsed.kind === 'beneficiary' ? parsed : null;
}

/** GET /api/member-link/:token — the employee's beneficiaries and the changes waiting. */
export async function getMemberLinkPage(
  ctx: AppContext,
  { link }: MemberLinkActor,
): Promise<MemberLinkPage> {
  const member = await findMemberForSystem(ctx.db, link.member_id);
  if (!member) throw memberLinkInvalid();
  const today = parisDate(ctx.clock.now());
  const [beneficiaries, changes] = await Promise.all([
    findOpenBeneficiaries(ctx.db, member.id, today),
    findChangesOfMember(ctx.db, member.id),
  ]);
  return {
    member: { firstName: member.first_name, lastName: member.last_name },
    companyName: member.company_name,
    expiresAt: link.expires_at,
    beneficiaries: beneficiaries.map((b) => ({
      id: b.id,
      type: b.type,
      lastName: b.last_name,
      firstName: b.first_name,
      birthDate: b.birth_date,
      startDate: b.start_date,
      endDate: b.end_date,
    })),
    pending: changes.flatMap((c) => {
      const details = c.kind === 'beneficiary' ? beneficiaryDetails(c.details) : null;
      if (!details || (c.status !== 'sent' && c.status !== 'returned')) return [];
      return [
        {
          id: c.id,
          status: c.status,
          action: details.action,
          lastName: details.lastName,
          firstName: details.firstName,
          createdAt: c.created_at,
        },
      ];
    }),
  };
}

/**
 * POST /api/member-link/:token/changes — the employee declares a beneficiary added, removed or
 * corrected: declareMemberChange by « employee », for the link's member only.
 */
export async function declareThroughLink(
  ctx: AppContext,
  { link }: MemberLinkActor,
  input: { change: MemberChangeCreate; proof: CheckedFile | null },
  meta: RequestMeta,
): Promise<{ id: string; status: 'sent' }> {
  const member = await findMemberForSystem(ctx.db, link.member_id);
  if (!member) throw memberLinkInvalid();
  const { id } = await declareMemberChange(
    ctx,
    { kind: 'employee', memberId: member.id },
    { member, change: input.change, proof: input.proof },
    meta,
  );
  const at = ctx.clock.now().toISOString();
  await markLinkUsed(ctx.db, link.id, at);
  return { id, status: 'sent' };
}
