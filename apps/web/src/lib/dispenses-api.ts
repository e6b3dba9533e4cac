import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DispenseDetail,
  DispensePreAffiliation,
  PaperDispenseInput,
} from '@affilia/shared/schemas/dispenses';
import { api } from './api';
import { postMultipart } from './upload';

/*
 * Dispenses d'affiliation, employer side (issue 19): what the register « Dispenses », « Suivi des
 * demandes » (the paper dispense) and the pré-affiliation (« Affilier » after an expiry) share.
 */

export type { DispenseDetail, DispensePreAffiliation };

export const DISPENSES_KEY = ['dispenses'] as const;

export function dispensePath(id: string, action?: string): string {
  const base = `/api/dispenses/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** A file of a dispense (the signed request, a proof), downloaded. */
export function dispenseFileUrl(dispenseId: string, fileId: string): string {
  return dispensePath(dispenseId, `files/${encodeURIComponent(fileId)}`);
}

/** What the paper dispense's dialog sends: the fields, the signed request and the proofs. */
export interface PaperDispenseUpload {
  fields: PaperDispenseInput;
  signedRequest: File;
  proofs: readonly File[];
}

/**
 * `POST /api/affiliations/:id/dispense` (multipart): the request « Dispense demandée »; the
 * tracking, the register and the home page are read again.
 */
export function usePaperDispense(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, signedRequest, proofs }: PaperDispenseUpload) => {
      const text: Record<string, string> = { caseCode: fields.caseCode, signedOn: fields.signedOn };
      if (fields.otherPlanType) text.otherPlanType = fields.otherPlanType;
      if (fields.justificationEndDate) text.justificationEndDate = fields.justificationEndDate;
      return postMultipart<DispenseDetail>(
        `/api/affiliations/${encodeURIComponent(requestId)}/dispense`,
        text,
        [signedRequest, ...proofs],
        { fileField: 'proof', fileFields: ['signedRequest'] },
      );
    },
    onSuccess: () => {
      for (const queryKey of [DISPENSES_KEY, ['requests'], ['dashboard']])
        void client.invalidateQueries({ queryKey });
    },
  });
}

/** `GET /api/dispenses/:id/pre-affiliation`: the wizard's values after an expired dispense. */
export function useDispensePreAffiliation(dispenseId: string | undefined) {
  return useQuery({
    queryKey: [...DISPENSES_KEY, 'pre-affiliation', dispenseId],
    queryFn: ({ signal }) =>
      api.get<DispensePreAffiliation>(dispensePath(dispenseId ?? '', 'pre-affiliation'), {
        signal,
      }),
    enabled: dispenseId !== undefined,
    staleTime: Infinity,
  });
}
