import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AttachmentKind,
  EnrolmentAttachment,
  EnrolmentDraft,
  EnrolmentForm,
  EnrolmentSubmittedSchema,
} from '@affilia/shared/schemas/enrolment';
import { api } from '../../../lib/api';
import { enrolmentBase, enrolmentKey, enrolmentLinkQuery } from './enrolment-link';
import { unlockLink } from '../../../lib/link-unlock';
import { postMultipart } from '../../../lib/upload';

export type { AttachmentKind, EnrolmentAttachment, EnrolmentDraft, EnrolmentForm };
export type EnrolmentSubmitted = z.infer<typeof EnrolmentSubmittedSchema>;

const base = enrolmentBase;
export { enrolmentKey };

/** The link's check (enrolment-link.ts), asked by the router before the page renders. */
export function useEnrolmentLink(token: string) {
  return useQuery(enrolmentLinkQuery(token));
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

export function useUnlockEnrolment(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (birthDate: string) =>
      unlockLink<EnrolmentForm>(`${base(token)}/unlock`, birthDate),
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
