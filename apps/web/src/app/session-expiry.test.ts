import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/api';
import type { Me } from '../lib/use-me';
import { ME_QUERY_KEY } from '../lib/use-me';
import type { AppRouter } from './router';
import { createSessionExpiryHandler, isUnauthenticated } from './session-expiry';

const unauthenticated = new ApiError({
  status: 401,
  code: 'unauthenticated',
  message: 'Votre session a expiré.',
});

function me(kind: Me['kind']): Me {
  return {
    id: 'u1',
    kind,
    email: 'a@b.fr',
    firstName: 'Eugénie',
    lastName: 'Marchand',
    maskedPhone: null,
    staffRole: null,
    isThirdParty: false,
    thirdPartyFirm: null,
    secondFactor: 'sms',
    companies: [],
    lastSignInAt: null,
  };
}

function setup(user: Me | undefined) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['branding'], { brandName: 'X' });
  queryClient.setQueryData(['members'], [1, 2]);
  if (user) queryClient.setQueryData(ME_QUERY_KEY, user);
  const navigate = vi.fn(() => Promise.resolve());
  const router = {
    navigate,
    state: { location: { href: '/salaries?page=2' } },
  } as unknown as AppRouter;
  const handle = createSessionExpiryHandler(queryClient, () => router);
  return { queryClient, navigate, handle };
}

describe('session expiry', () => {
  it('recognises only the API’s 401 unauthenticated', () => {
    expect(isUnauthenticated(unauthenticated)).toBe(true);
    expect(
      isUnauthenticated(new ApiError({ status: 401, code: 'invalid_credentials', message: '' })),
    ).toBe(false);
    expect(
      isUnauthenticated(new ApiError({ status: 401, code: 'second_factor_pending', message: '' })),
    ).toBe(false);
    expect(isUnauthenticated(new Error('x'))).toBe(false);
  });

  it('sends a signed-in employer to the sign-in page, to come back, and forgets the data', async () => {
    const { queryClient, navigate, handle } = setup(me('employer'));
    handle(unauthenticated);
    handle(unauthenticated); // a second failing call at the same time: one navigation
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith({
      to: '/connexion',
      search: { notice: 'session_expired', redirect: '/salaries?page=2' },
    });
    await vi.waitFor(() => expect(queryClient.getQueryData(ME_QUERY_KEY)).toBeUndefined());
    expect(queryClient.getQueryData(['members'])).toBeUndefined();
    expect(queryClient.getQueryData(['branding'])).toEqual({ brandName: 'X' });
  });

  it('sends staff to the back office’s sign-in page', () => {
    const { navigate, handle } = setup(me('staff'));
    handle(unauthenticated);
    expect(navigate).toHaveBeenCalledWith(
      expect.objectContaining({ to: '/back-office/connexion' }),
    );
  });

  it('leaves someone who was never signed in to the guards, and ignores other errors', () => {
    const anonymous = setup(undefined);
    anonymous.handle(unauthenticated);
    expect(anonymous.navigate).not.toHaveBeenCalled();
    const signedIn = setup(me('employer'));
    signedIn.handle(new ApiError({ status: 403, code: 'forbidden', message: '' }));
    signedIn.handle(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: '' }));
    expect(signedIn.navigate).not.toHaveBeenCalled();
  });
});
