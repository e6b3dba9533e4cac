import { useQuery } from '@tanstack/react-query';
import { DEFAULT_BRANDING } from '@affilia/shared/domain/branding';
import type { Branding } from '@affilia/shared/schemas/branding';
import { api } from './api';

export type { Branding };
export { DEFAULT_BRANDING };

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Reads `GET /api/branding` (BrandingSchema's shape); anything malformed falls back to the
 * defaults. Checked by hand rather than with the schema: every page waits for the branding
 * before its first paint, and zod (22 KB compressed) has no place on that path.
 */
export function parseBranding(data: unknown): Branding {
  if (typeof data !== 'object' || data === null) return DEFAULT_BRANDING;
  const b = data as Partial<Record<keyof Branding, unknown>>;
  if (
    !isString(b.brandName) ||
    !isString(b.primaryColor) ||
    !/^#[0-9a-fA-F]{6}$/.test(b.primaryColor) ||
    !(b.logoUrl === null || isString(b.logoUrl)) ||
    !isString(b.supportPhone) ||
    !isString(b.supportHours) ||
    !isString(b.ccnName)
  ) {
    return DEFAULT_BRANDING;
  }
  return {
    brandName: b.brandName.trim() || DEFAULT_BRANDING.brandName,
    primaryColor: b.primaryColor,
    logoUrl: b.logoUrl?.trim() ? b.logoUrl : null,
    supportPhone: b.supportPhone.trim() || DEFAULT_BRANDING.supportPhone,
    supportHours: b.supportHours.trim() || DEFAULT_BRANDING.supportHours,
    ccnName: b.ccnName,
  };
}

async function fetchBranding(): Promise<Branding> {
  try {
    const data = await api.get<unknown>('/api/branding', { signal: AbortSignal.timeout(5000) });
    return parseBranding(data);
  } catch {
    // The portal must stay usable without its branding: show the defaults.
    return DEFAULT_BRANDING;
  }
}

/**
 * The branding the server wrote into the page (`<script id="affilia-branding">`, plugins/web.ts),
 * so that the first paint does not wait for `GET /api/branding`; undefined without it (the Vite
 * dev server), and the query asks the API.
 */
export function embeddedBranding(doc: Pick<Document, 'getElementById'> = document) {
  const text = doc.getElementById('affilia-branding')?.textContent;
  if (!text) return undefined;
  try {
    return parseBranding(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function useBrandingQuery() {
  return useQuery({
    queryKey: ['branding'],
    queryFn: fetchBranding,
    initialData: () => embeddedBranding(),
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
