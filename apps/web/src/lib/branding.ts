import { useQuery } from '@tanstack/react-query';
import { DEFAULT_BRANDING } from '@affilia/shared/domain/branding';
import type { Branding } from '@affilia/shared/schemas/branding';
import { api } from './api';

export type { Branding };
export { DEFAULT_BRANDING };

/**
 * Reads `GET /api/branding`; anything malformed falls back to the defaults. The schema (and zod)
 * is loaded here, alongside the request, not on the first load every page pays.
 */
export async function parseBranding(data: unknown): Promise<Branding> {
  const { BrandingSchema } = await import('@affilia/shared/schemas/branding');
  const parsed = BrandingSchema.safeParse(data);
  if (!parsed.success) return DEFAULT_BRANDING;
  const b = parsed.data;
  return {
    ...b,
    brandName: b.brandName.trim() || DEFAULT_BRANDING.brandName,
    logoUrl: b.logoUrl?.trim() ? b.logoUrl : null,
    supportPhone: b.supportPhone.trim() || DEFAULT_BRANDING.supportPhone,
    supportHours: b.supportHours.trim() || DEFAULT_BRANDING.supportHours,
  };
}

async function fetchBranding(): Promise<Branding> {
  try {
    const data = await api.get<unknown>('/api/branding', { signal: AbortSignal.timeout(5000) });
    return await parseBranding(data);
  } catch {
    // The portal must stay usable without its branding: show the defaults.
    return DEFAULT_BRANDING;
  }
}

function useBrandingQuery() {
  return useQuery({
    queryKey: ['branding'],
    queryFn: fetchBranding,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The insurer's branding; the defaults while it loads or when the server cannot answer. */
export function useBranding(): Branding {
  return useBrandingQuery().data ?? DEFAULT_BRANDING;
}

/** Whether the branding call has settled, so that the first paint has the insurer's colours. */
export function useBrandingReady(): boolean {
  return !useBrandingQuery().isPending;
}
