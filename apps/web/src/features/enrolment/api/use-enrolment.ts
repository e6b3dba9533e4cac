import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AttachmentKind,
  EnrolmentAttachment,
  EnrolmentDraft,
  EnrolmentForm,
  EnrolmentSubmittedSchema,
} from '@affilia/shared/schemas/enrolment';
import { ApiError, api, toApiError } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';

export type { AttachmentKind, EnrolmentAttachment, EnrolmentDraft, EnrolmentForm };
export type EnrolmentSubmitted = z.infer<typeof EnrolmentSubmittedSchema>;

const base = (token: string) => `/api/enrolment/${encodeURIComponent(token)}`;
export const enrolmentKey = (token: string) => ['enrolment', token] as const;

/**
 * `GET …/check`: whether the emailed link still opens a form (404/410 otherwise), and whether
 * this browser already confirmed the birth date.
 */
export function useEnrolmentLink(token: string) {
  return useQuery({
    queryKey: [...enrolmentKey(token), 'check'],
    queryFn: ({ signal }) =>
      api.get<{ valid: true; unlocked: boolean }>(`${base(token)}/check`, { signal }),
    retry: false,
    staleTime: Infinity,
  });
}

/** `GET …`: the form, when this browser already confirmed the birth date (401 otherwise). */
export function useEnrolmentForm(token: string, enabled: boolean) {
  return useQuery({
    queryKey: [...enrolmentKey(token), 'form'],
    queryFn: ({ signal }) => api.get<EnrolmentForm>(base(token), { signal }),
    enabled,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** A refused unlock, with the instant the form opens again when it is locked. */
export class UnlockError extends ApiError {
  readonly retryAt: string | null;
  constructor(error: ApiError, retryAt: string | null) {
    super({
      status: error.status,
      code: error.code,
      message: error.message,
      requestId: error.requestId,
      fields: error.fields,
    });
    this.retryAt = retryAt;
  }
}

const NETWORK_MESSAGE =
  'Le service est momentanément injoignable. Vérifiez votre connexion internet puis réessayez.';

/**
 * `POST …/unlock {birthDate}`: with fetch directly, for the `Retry-After` of a locked form
 * (429), which tells the employee when to try again.
 */
async function unlock(token: string, birthDate: string): Promise<EnrolmentForm> {
  let response: Response;
  try {
    response = await fetch(`${base(token)}/unlock`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-Requested-With': 'affilia',
      },
      body: JSON.stringify({ birthDate }),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok) return body as EnrolmentForm;
  const seconds = Number(response.headers.get('Retry-After'));
  const retryAt =
    response.status === 429 && Number.isFinite(seconds) && seconds > 0
      ? new Date(Date.now() + seconds * 1000).toISOString()
      : null;
  throw new UnlockError(toApiError(response.status, body), retryAt);
}

export function useUnlockEnrolment(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (birthDate: string) => unlock(token, birthDate),
    onSuccess: (form) => queryClient.setQueryData([...enrolmentKey(token), 'form'], form),
  });
}

/** `PUT …/draft` — « Enregistrer le brouillon ». */
export function useSaveDraft(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: EnrolmentDraft) => api.put<EnrolmentForm>(`${base(token)}/draft`, draft),
    onSuccess: (form) => queryClient.setQueryData([...enrolmentKey(token), 'form'], form),
  });
}

/** `POST …/submit {certified}` — « Valider ». */
export function useSubmitEnrolment(token: string) {
  return useMutation({
    mutationFn: (certified: boolean) =>
      api.post<EnrolmentSubmitted>(`${base(token)}/submit`, { certified }),
  });
}

/** `POST …/attachments` as `multipart/form-data` (the `kind` field before the file). */
export function uploadAttachment(
  token: string,
  kind: AttachmentKind,
  file: File,
  onProgress: (sent: number) => void,
): Promise<EnrolmentAttachment> {
  return postMultipart<EnrolmentAttachment>(`${base(token)}/attachments`, { kind }, [file], {
    fileField: 'file',
    onProgress,
  });
}

/** Keeps the cached form's attachments in step with an upload or a removal. */
export function useAttachmentsCache(token: string) {
  const queryClient = useQueryClient();
  const key = [...enrolmentKey(token), 'form'];
  return (update: (list: EnrolmentAttachment[]) => EnrolmentAttachment[]) =>
    queryClient.setQueryData<EnrolmentForm>(key, (form) =>
      form ? { ...form, attachments: update(form.attachments) } : form,
    );
}

/** `DELETE …/attachments/:id`. */
export function useRemoveAttachment(token: string) {
  const updateCache = useAttachmentsCache(token);
  return useMutation({
    mutationFn: (attachmentId: string) =>
      api.delete<null>(`${base(token)}/attachments/${encodeURIComponent(attachmentId)}`),
    onSuccess: (_, attachmentId) =>
      updateCache((list) => list.filter((a) => a.id !== attachmentId)),
  });
}
