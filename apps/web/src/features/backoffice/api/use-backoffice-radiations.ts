import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EvinAnswer } from '@affilia/shared/domain/radiation';
import type {
  BackofficeRadiationPage,
  BackofficeRadiationRow,
  RadiationDetail,
} from '@affilia/shared/schemas/radiations';
import { api } from '../../../lib/api';
import type { RadiationsQueueSearch } from '../radiations-queue-search';
import { radiationsQueueList } from '../radiations-queue-search';

export type { BackofficeRadiationPage, BackofficeRadiationRow, RadiationDetail };

const BASE = '/api/backoffice/radiations';
export const RADIATIONS_QUERY_KEY = ['backoffice', 'radiations'] as const;

/** `GET /api/backoffice/radiations?status=&companyId=&q=&page=&pageSize=` — the queue. */
export function useBackofficeRadiations(search: RadiationsQueueSearch) {
  const query = radiationsQueueList.queryString(search);
  return useQuery({
    queryKey: [...RADIATIONS_QUERY_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<BackofficeRadiationPage>(`${BASE}?${query}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const radiationPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** The notice (PDF) the employee received, as the back office downloads it. */
export const radiationNoticePath = (id: string) => `${radiationPath(id)}/notice.pdf`;

/** `GET /api/backoffice/radiations/:id`. */
export function useBackofficeRadiation(id: string) {
  return useQuery({
    queryKey: [...RADIATIONS_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<RadiationDetail>(radiationPath(id), { signal }),
    retry: false,
  });
}

/** One action of the detail page: its answer is the radiation as it now stands. */
function useRadiationAction<Input>(id: string, action: (input: Input) => Promise<RadiationDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (detail) => {
      queryClient.setQueryData([...RADIATIONS_QUERY_KEY, 'detail', id], detail);
      return queryClient.invalidateQueries({ queryKey: RADIATIONS_QUERY_KEY });
    },
  });
}

/** `POST …/:id/process` — « Traiter la radiation ». */
export function useProcessRadiation(id: string) {
  return useRadiationAction(id, () => api.post<RadiationDetail>(`${radiationPath(id)}/process`));
}

/** `POST …/:id/return {reason}` — « Retourner à l’employeur ». */
export function useReturnRadiation(id: string) {
  return useRadiationAction(id, (reason: string) =>
    api.post<RadiationDetail>(`${radiationPath(id)}/return`, { reason }),
  );
}

/** `POST …/:id/evin {answer}` — the former employee’s answer to the loi Évin offer. */
export function useEvinAnswer(id: string) {
  return useRadiationAction(id, (answer: EvinAnswer) =>
    api.post<RadiationDetail>(`${radiationPath(id)}/evin`, { answer }),
  );
}

/** `POST …/:id/new-job {date}` — « Fin de portabilité (reprise d’emploi) ». */
export function useReportNewJob(id: string) {
  return useRadiationAction(id, (input: { date: string }) =>
    api.post<RadiationDetail>(`${radiationPath(id)}/new-job`, input),
  );
}
