/**
 * Keeps the copy of each member's latest coverage (migration 0002): the coverage with the
 * latest date d'effet (ties: the latest created). Call it in the transaction that writes
 * coverages — seed, import, validation of an enrolment — with the members concerned, or with no
 * ids after a bulk load.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { bumpDataVersion } from '../../lib/data-versions';

const latest = (column: 'id' | 'contract_id' | 'effective_date' | 'end_date') =>
  sql<
    string | null
  >`(select c.${sql.ref(column)} from coverages c where c.member_id = members.id order by c.effective_date desc, c.created_at desc, c.id desc limit 1)`;

export async function refreshLatestCoverage(
  db: Kysely<Database>,
  memberIds?: readonly string[],
  now = new Date(),
): Promise<void> {
  // The cached figures of « Mes salariés » and of the home page are now out of date.
  await bumpDataVersion(db, 'members', now);
  const apply = async (ids?: readonly string[]) => {
    let query = db.updateTable('members').set({
      latest_coverage_id: latest('id'),
      latest_contract_id: latest('contract_id'),
      latest_effective_date: latest('effective_date'),
      latest_end_date: latest('end_date'),
    });
    if (ids) query = query.where('id', 'in', ids);
    await query.execute();
  };
  if (!memberIds) return apply();
  // Bounded parameter lists (SQLite allows 32,766 per statement).
  for (let i = 0; i < memberIds.length; i += 5000) await apply(memberIds.slice(i, i + 5000));
}

/** The latest-coverage columns of a member from its coverages (for rows built in memory). */
export function latestCoverageColumns(
  coverages: readonly {
    id: string;
    contract_id: string;
    effective_date: string;
    end_date: string | null;
    created_at: string;
  }[],
) {
  let best: (typeof coverages)[number] | undefined;
  for (const c of coverages) {
    if (
      !best ||
      c.effective_date > best.effective_date ||
      (c.effective_date === best.effective_date &&
        (c.created_at > best.created_at || (c.created_at === best.created_at && c.id > best.id)))
    ) {
      best = c;
    }
  }
  return {
    latest_coverage_id: best?.id ?? null,
    latest_contract_id: best?.contract_id ?? null,
    latest_effective_date: best?.effective_date ?? null,
    latest_end_date: best?.end_date ?? null,
  };
}
