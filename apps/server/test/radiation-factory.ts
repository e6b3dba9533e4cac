import type { Kysely } from 'kysely';
import {
  computePortability,
  evinDeadline,
  evinOffered,
  radiationMotif,
  type EmploymentPeriod,
  type RadiationMotif,
} from '@affilia/shared/domain/radiation';
import type { Database, RadiationStatus } from '../src/db/schema';
import { newId } from '../src/lib/ids';

const NOW = '2026-03-01T08:00:00.000Z';

/**
 * A radiation as the employer's « Radier » leaves it (status `sent` with its history row), its
 * portability and loi Évin offer computed by the shared rules — for the back office's tests.
 */
export async function createRadiation(
  db: Kysely<Database>,
  input: {
    member: { id: string; company_id: string; establishment_id: string };
    createdBy: { id: string };
    motif: RadiationMotif;
    contractEndDate: string;
    /** Default: the motif's pre-answer. */
    unemploymentRights?: boolean;
    /** Default: one contract from 2025-01-01 to the end date. */
    periods?: EmploymentPeriod[];
    contactEmail?: string | null;
    contactAddress?: string | null;
    status?: RadiationStatus;
    createdAt?: string;
  },
) {
  const unemploymentRights = input.unemploymentRights ?? radiationMotif(input.motif).unemployment;
  const periods = input.periods ?? [{ start: '2025-01-01', end: input.contractEndDate }];
  const portability = computePortability({ motif: input.motif, unemploymentRights, periods });
  const offered = evinOffered({ motif: input.motif, unemploymentRights });
  const at = input.createdAt ?? NOW;
  const status = input.status ?? 'sent';
  const row = {
    id: newId(),
    company_id: input.member.company_id,
    establishment_id: input.member.establishment_id,
    member_id: input.member.id,
    created_by_user_id: input.createdBy.id,
    status,
    contract_end_date: input.contractEndDate,
    motif: input.motif,
    unemployment_rights: unemploymentRights ? 1 : 0,
    employment_periods: JSON.stringify(periods),
    portability_months: portability.eligible ? portability.months : null,
    portability_start_date: portability.eligible ? portability.start : null,
    portability_end_date: portability.eligible ? portability.end : null,
    portability_refusal: portability.eligible ? null : portability.reason,
    evin_offered: offered ? 1 : 0,
    evin_deadline: offered
      ? evinDeadline(input.contractEndDate, portability.eligible ? portability.end : null)
      : null,
    contact_email:
      input.contactEmail === undefined ? 'ancien.salarie@exemple.fr' : input.contactEmail,
    contact_address: input.contactAddress ?? null,
    status_changed_at: at,
    created_at: at,
    updated_at: at,
  } as const;
  await db.insertInto('radiations').values(row).execute();
  await db
    .insertInto('radiation_status_history')
    .values({
      id: newId(),
      radiation_id: row.id,
      from_status: null,
      to_status: 'sent',
      actor_user_id: input.createdBy.id,
      actor_kind: 'employer',
      reason: null,
      at,
    })
    .execute();
  return row;
}
