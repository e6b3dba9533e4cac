import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LetterTemplateAnswer, LetterTemplateInput } from '@affilia/shared/schemas/radiations';
import { ApiError, NETWORK_MESSAGE, api, toApiError } from '../../../lib/api';

export type { LetterTemplateAnswer, LetterTemplateInput };
export type LetterTemplateKind = LetterTemplateAnswer['kind'];

const BASE = '/api/backoffice/letter-templates';
export const LETTER_TEMPLATE_QUERY_KEY = ['backoffice', 'letter-templates'] as const;
export const letterTemplatePath = (kind: LetterTemplateKind) =>
  `${BASE}/${encodeURIComponent(kind)}`;

/** `GET /api/backoffice/letter-templates/:kind`: the text, the placeholders it may use. */
export function useLetterTemplate(kind: LetterTemplateKind) {
  return useQuery({
    queryKey: [...LETTER_TEMPLATE_QUERY_KEY, kind],
    queryFn: ({ signal }) => api.get<LetterTemplateAnswer>(letterTemplatePath(kind), { signal }),
  });
}

function useSaved(kind: LetterTemplateKind) {
  const queryClient = useQueryClient();
  return (saved: LetterTemplateAnswer) =>
    queryClient.setQueryData([...LETTER_TEMPLATE_QUERY_KEY, kind], saved);
}

/** `PUT …/:kind {subject, body}` — « Enregistrer ». */
export function useSaveLetterTemplate(kind: LetterTemplateKind) {
  const saved = useSaved(kind);
  return useMutation({
    mutationFn: (input: LetterTemplateInput) =>
      api.put<LetterTemplateAnswer>(letterTemplatePath(kind), input),
    onSuccess: saved,
  });
}

/** `DELETE …/:kind` — « Revenir au texte par défaut »: the insurer's text removed. */
export function useResetLetterTemplate(kind: LetterTemplateKind) {
  const saved = useSaved(kind);
  return useMutation({
    mutationFn: () => api.delete<LetterTemplateAnswer>(letterTemplatePath(kind)),
    onSuccess: saved,
  });
}

/**
 * `POST …/:kind/preview {subject, body}` — the letter as a PDF, with the text being edited and a
 * made-up employee: the PDF's blob, or the API's error.
 */
export async function previewLetterTemplate(
  kind: LetterTemplateKind,
  input: LetterTemplateInput,
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${letterTemplatePath(kind)}/preview`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/pdf, application/json',
        'Content-Type': 'application/json',
        'X-Requested-With': 'affilia',
      },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw toApiError(response.status, body);
  }
  return response.blob();
}
