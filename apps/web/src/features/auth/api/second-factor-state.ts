import { queryOptions, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { SignInResult } from '@affilia/shared/schemas/auth';
import type { SendCodeResult } from '@affilia/shared/schemas/second-factor';
import type { AuthSpace } from '../space';

type SecondFactorRequired = Extract<SignInResult, { status: 'second_factor_required' }>;

/**
 * What the security screen knows about the sign-in attempt waiting for its second factor: the
 * sign-in's answer (method, masked number, reasons) and, once sent, the SMS code's timing. Kept
 * in the query cache and in the tab's sessionStorage, so that reloading the screen keeps it.
 * Nothing secret: the number is masked and the attempt itself lives in an HttpOnly cookie.
 */
export interface PendingSecondFactor {
  method: SecondFactorRequired['method'];
  maskedPhone: string | null;
  reasons: SecondFactorRequired['reasons'];
  sent: SendCodeResult | null;
}

const storageKey = (space: AuthSpace) => `affilia.second-factor.${space}`;
const queryKey = (space: AuthSpace) => ['auth', 'second-factor', space] as const;

function readStored(space: AuthSpace): PendingSecondFactor | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(space));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<PendingSecondFactor>;
    if (value.method !== 'sms' && value.method !== 'totp') return null;
    return {
      method: value.method,
      maskedPhone: typeof value.maskedPhone === 'string' ? value.maskedPhone : null,
      reasons: Array.isArray(value.reasons) ? value.reasons : [],
      sent: value.sent ?? null,
    };
  } catch {
    return null;
  }
}

function pendingSecondFactorOptions(space: AuthSpace) {
  return queryOptions({
    queryKey: queryKey(space),
    queryFn: () => readStored(space),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The pending attempt of this tab, or null (then the screen asks the server). */
export function usePendingSecondFactor(space: AuthSpace) {
  return useQuery(pendingSecondFactorOptions(space));
}

export function setPendingSecondFactor(
  queryClient: QueryClient,
  space: AuthSpace,
  value: PendingSecondFactor | null,
): void {
  queryClient.setQueryData(queryKey(space), value);
  try {
    if (value) window.sessionStorage.setItem(storageKey(space), JSON.stringify(value));
    else window.sessionStorage.removeItem(storageKey(space));
  } catch {
    // Private browsing without storage: the cache alone keeps it for this page.
  }
}

export function fromSignInResult(result: SecondFactorRequired): PendingSecondFactor {
  return {
    method: result.method,
    maskedPhone: result.maskedPhone,
    reasons: result.reasons,
    sent: null,
  };
}
