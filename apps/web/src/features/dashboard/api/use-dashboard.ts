import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  ContractFigures,
  Dashboard,
  EstablishmentFigures,
} from '@affilia/shared/schemas/members';
import { api } from '../../../lib/api';
import type { ChartItem } from '../chart-slices';

export type { Dashboard };

function companyQuery(companyId: string | undefined): string {
  return companyId ? `?${new URLSearchParams({ companyId }).toString()}` : '';
}

/** `GET /api/dashboard?companyId=`: the query, also asked by the home page's route loader. */
export function dashboardQuery(companyId: string | undefined) {
  return queryOptions({
    queryKey: ['dashboard', companyId ?? null],
    queryFn: ({ signal }) =>
      api.get<Dashboard>(`/api/dashboard${companyQuery(companyId)}`, { signal }),
  });
}

/**
 * « Afficher le détail » of a chart when its last slice groups figures: every establishment
 * (`GET /api/dashboard/establishments`) or every collège (`/contracts`), as the chart's items.
 * Under the dashboard's key, so that what refreshes the home page refreshes it too.
 */
export function chartDetailQuery(
  companyId: string | undefined,
  chart: 'establishments' | 'contracts',
) {
  const url = `/api/dashboard/${chart}${companyQuery(companyId)}`;
  return queryOptions({
    queryKey: ['dashboard', companyId ?? null, chart],
    queryFn: async ({ signal }): Promise<ChartItem[]> => {
      if (chart === 'establishments') {
        const { items } = await api.get<EstablishmentFigures>(url, { signal });
        return items.map((e) => ({ key: e.id, label: e.name, count: e.count }));
      }
      const { items } = await api.get<ContractFigures>(url, { signal });
      return items.map((c) => ({ key: c.label, label: c.label, count: c.count }));
    },
  });
}

/**
 * `GET /api/dashboard?companyId=`: « Vos affiliations » for every company (« Toutes ») or one,
 * the pending actions and « Conseils et astuces ». Another company keeps the previous figures on
 * screen until its own arrive.
 */
export function useDashboard(companyId: string | undefined) {
  return useQuery({ ...dashboardQuery(companyId), placeholderData: keepPreviousData });
}
