import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BrandingSettings,
  BrandingUpdateInput,
  TermsDraftInput,
  TermsVersion,
  TermsVersions,
  Tip,
  TipInput,
  TipPatch,
} from '@affilia/shared/schemas/content';
import { api } from '../../../lib/api';
import { postMultipart } from '../../../lib/upload';

export type { BrandingSettings, TermsVersion, Tip };

const BASE = '/api/backoffice/content';
const KEYS = {
  branding: ['backoffice', 'content', 'branding'] as const,
  terms: ['backoffice', 'content', 'terms'] as const,
  tips: ['backoffice', 'content', 'tips'] as const,
};

// --- Branding --------------------------------------------------------------------------------

/** `GET /api/backoffice/content/branding`. */
export function useBrandingSettings() {
  return useQuery({
    queryKey: KEYS.branding,
    queryFn: ({ signal }) => api.get<BrandingSettings>(`${BASE}/branding`, { signal }),
  });
}

/** After a change: the form and the portal's own branding (header, colours) show it at once. */
function useBrandingSaved() {
  const queryClient = useQueryClient();
  return (saved: BrandingSettings) => {
    queryClient.setQueryData(KEYS.branding, saved);
    void queryClient.invalidateQueries({ queryKey: ['branding'] });
  };
}

/** `PUT …/branding` — « Enregistrer » (administrators). */
export function useUpdateBranding() {
  const saved = useBrandingSaved();
  return useMutation({
    mutationFn: (input: BrandingUpdateInput) =>
      api.put<BrandingSettings>(`${BASE}/branding`, input),
    onSuccess: saved,
  });
}

/** `POST …/branding/logo` (multipart) — « Changer le logo ». */
export function useUploadLogo() {
  const saved = useBrandingSaved();
  return useMutation({
    mutationFn: (file: File) =>
      postMultipart<BrandingSettings>(`${BASE}/branding/logo`, {}, [file], { fileField: 'file' }),
    onSuccess: saved,
  });
}

/** `DELETE …/branding/logo` — « Retirer le logo ». */
export function useDeleteLogo() {
  const saved = useBrandingSaved();
  return useMutation({
    mutationFn: () => api.delete<BrandingSettings>(`${BASE}/branding/logo`),
    onSuccess: saved,
  });
}

// --- Terms of use ----------------------------------------------------------------------------

/** `GET …/terms`: drafts first, then the published versions, newest first. */
export function useTermsVersions() {
  return useQuery({
    queryKey: KEYS.terms,
    queryFn: ({ signal }) => api.get<TermsVersions>(`${BASE}/terms`, { signal }),
  });
}

function useRefresh(key: readonly string[]) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

/** `POST …/terms` — « Nouvelle version » (a draft). */
export function useCreateTermsDraft() {
  const refresh = useRefresh(KEYS.terms);
  return useMutation({
    mutationFn: (input: TermsDraftInput) => api.post<TermsVersion>(`${BASE}/terms`, input),
    onSuccess: () => refresh(),
  });
}

/** `POST …/terms/:id/publish` — « Publier » (administrators). */
export function usePublishTerms() {
  const refresh = useRefresh(KEYS.terms);
  return useMutation({
    mutationFn: (id: string) =>
      api.post<TermsVersion>(`${BASE}/terms/${encodeURIComponent(id)}/publish`),
    onSuccess: () => refresh(),
  });
}

// --- « Conseils et astuces » -----------------------------------------------------------------

/** `GET …/tips`, in the order of the home page. */
export function useTips() {
  return useQuery({
    queryKey: KEYS.tips,
    queryFn: ({ signal }) => api.get<{ tips: Tip[] }>(`${BASE}/tips`, { signal }),
  });
}

export function useCreateTip() {
  const refresh = useRefresh(KEYS.tips);
  return useMutation({
    mutationFn: (input: TipInput) => api.post<Tip>(`${BASE}/tips`, input),
    onSuccess: () => refresh(),
  });
}

export function useUpdateTip() {
  const refresh = useRefresh(KEYS.tips);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TipPatch }) =>
      api.patch<Tip>(`${BASE}/tips/${encodeURIComponent(id)}`, patch),
    onSuccess: () => refresh(),
  });
}

export function useDeleteTip() {
  const refresh = useRefresh(KEYS.tips);
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`${BASE}/tips/${encodeURIComponent(id)}`),
    onSuccess: () => refresh(),
  });
}
