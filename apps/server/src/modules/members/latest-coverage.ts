/**
 * The copy of each member's latest coverage (migration 0002): the coverage with the latest date
 * d'effet (ties: the latest created, then the greatest id), for rows built in memory (seeds, the
 * import's new members). In the database, members.repository.ts's refreshLatestCoverage keeps it.
 */
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
