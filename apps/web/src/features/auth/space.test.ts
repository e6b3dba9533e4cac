import { describe, expect, it } from 'vitest';
import { validateSignInSearch } from './space';

describe('validateSignInSearch', () => {
  it('keeps an in-app redirect and a known notice', () => {
    expect(validateSignInSearch({ redirect: '/salaries', notice: 'session_expired' })).toEqual({
      redirect: '/salaries',
      notice: 'session_expired',
    });
  });

  it('drops anything else', () => {
    expect(validateSignInSearch({ redirect: 'https://evil.example', notice: 'hacked' })).toEqual(
      {},
    );
    expect(validateSignInSearch({ redirect: 42 })).toEqual({});
  });
});
