/**
 * « Suivi des demandes » (issue 18): every request of the perimeter in one list — affiliation
 * requests, radiations and changes of members (issue 20) — with a « Type » column and the
 * statuses of each type. An
 * affiliation row carries the same actions as in « Suivi des demandes d'affiliation »
 * (affiliations' toRow: reminder, cancel); a radiation row its cancel.
 */
import type {
  RequestListQuerySchema,
  RequestPage,
  RequestRow,
} from '@affilia/shared/schemas/radiations';
import type { RadiationMotif, RadiationStatus } from '@affilia/shared/domain/radiation';
import { canMoveMemberChange, type MemberChangeStatus } from '@affilia/shared/domain/member-change';
import type { z } from 'zod';
import type { AffiliationListRow } from '../affiliations/affiliations.repository';
import type { AppContext } from '../../lib/context';
import type { EmployerActor } from '../../lib/policies';
import { toRow as affiliationRow } from '../affiliations/affiliations.service';
import { canMoveRadiation } from '../radiations/radiations.service';
import { findRequestPage, type RequestListRow } from './requests.repository';

type ListQuery = z.output<typeof RequestListQuerySchema>;

/** What a row of any type but an affiliation says: its company, establishment, person, dates. */
function common(r: RequestListRow) {
  return {
    id: r.id,
    company: { id: r.company_id, name: r.company_name, siren: r.siren },
    establishment: { id: r.establishment_id, name: r.establishment_name, siret: r.siret },
    lastName: r.last_name,
    firstName: r.first_name,
    memberId: r.member_id,
    statusChangedAt: r.status_changed_at,
    createdAt: r.created_at,
  };
}

function toRequestRow(r: RequestListRow, now: Date): RequestRow {
  if (r.type === 'affiliation') {
    return {
      type: 'affiliation',
      ...affiliationRow(r as unknown as AffiliationListRow, now),
      memberId: r.member_id,
    };
  }
  if (r.type !== 'radiation') {
    const status = r.status as MemberChangeStatus;
    return {
      type: r.type,
      ...common(r),
      status,
      canCancel: canMoveMemberChange(status, 'cancelled'),
      effectiveDate: r.effective_date ?? '',
    };
  }
  const status = r.status as RadiationStatus;
  return {
    type: 'radiation',
    ...common(r),
    status,
    canCancel: canMoveRadiation(status, 'cancelled'),
    contractEndDate: r.contract_end_date ?? '',
    motif: r.motif as RadiationMotif,
  };
}

/** GET /api/requests */
export async function listRequests(
  ctx: Pick<AppContext, 'db' | 'cipher' | 'clock'>,
  actor: EmployerActor,
  query: ListQuery,
): Promise<RequestPage> {
  const { total, items } = await findRequestPage(ctx.db, ctx.cipher, actor, query);
  const now = ctx.clock.now();
  return {
    items: items.map((r) => toRequestRow(r, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
