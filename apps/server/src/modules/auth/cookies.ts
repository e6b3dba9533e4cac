import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * Cookie names and flags. `__Host-` requires Secure, Path=/ and no Domain; browsers accept
 * Secure cookies over plain http on localhost, which is the only plain-http use allowed
 * (outside production).
 */
export const SESSION_COOKIE = '__Host-affilia_session';
export const SIGN_IN_COOKIE = '__Host-affilia_signin';
export const DEVICE_COOKIE = '__Host-affilia_device';

const base: CookieSerializeOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' };

/** A session cookie lives as long as the browser; the server enforces idle and absolute expiry. */
export const sessionCookieOptions: CookieSerializeOptions = base;
export const signInCookieOptions: CookieSerializeOptions = { ...base, maxAge: 15 * 60 };
export const deviceCookieOptions: CookieSerializeOptions = { ...base, maxAge: 400 * 24 * 3600 };
export const clearCookieOptions: CookieSerializeOptions = base;
