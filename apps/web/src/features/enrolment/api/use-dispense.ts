import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DispenseFile,
  DispenseSubmitInput,
  DispenseSubmittedSchema,
} from '@affilia/shared/schemas/dispenses';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';
import type { EnrolmentForm } from './use-enrolment';
import { enrolmentKey } from './use-enrolment';

export type { DispenseFile, DispenseSubmitInput };
export type DispenseSubmitted = z.infer<typeof DispenseSubmittedSchema>;

const base = (token: string) => `/api/enrolment/${encodeURIComponent(token)}/dispense`;

/** The PDF just sent (the receipt cookie set by « Envoyer ma demande de dispense »). */
export const dispensePdfUrl = (token: string) => `${base(token)}.pdf`;

/** `POST …/dispense/proofs` as `multipart/form-data`. */
export function uploadDispenseProof(
  token: string,
  file: File,
  onProgress: (sent: number) => void,
): Promise<DispenseFile> {
  return postMultipart<DispenseFile>(`${base(token)}/proofs`, {}, [file], {
    fileField: 'file',
    onProgress,
  });
}

/** Keeps the cached form's proofs waiting to be sent in step with an upload or a removal. */
export function useDispenseProofsCache(token: string) {
  const queryClient = useQueryClient();
  const key = [...enrolmentKey(token), 'form'];
  return (update: (list: DispenseFile[]) => DispenseFile[]) =>
    queryClient.setQueryData<EnrolmentForm>(key, (form) =>
      form
        ? {
            ...form,
            dispense: { ...form.dispense, pendingProofs: update(form.dispense.pendingProofs) },
          }
        : form,
    );
}

/** `DELETE …/dispense/proofs/:id`. */
export function useRemoveDispenseProof(token: string) {
  const updateCache = useDispenseProofsCache(token);
  return useMutation({
    mutationFn: (proofId: string) =>
      api.delete<null>(`${base(token)}/proofs/${encodeURIComponent(proofId)}`),
    onSuccess: (_, proofId) => updateCache((list) => list.filter((p) => p.id !== proofId)),
  });
}

/** `POST …/dispense` — « Envoyer ma demande de dispense » (or the renewal). */
export function useSubmitDispense(token: string) {
  return useMutation({
    mutationFn: (input: DispenseSubmitInput) => api.post<DispenseSubmitted>(base(token), input),
  });
}
