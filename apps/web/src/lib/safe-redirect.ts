/**
 * Where to go after signing in: the `redirect` search parameter when it is a path of this app,
 * otherwise the space's home. Anything that could leave the site (`//evil.example`, `https:…`,
 * `/\evil.example`, `javascript:`) or loop back to the sign-in pages is refused.
 */
const BASE = 'https://affilia.invalid';

/** Pages a successful sign-in must never return to. */
const NO_RETURN = [
  '/connexion',
  '/back-office/connexion',
  '/api/',
  '/confirmer-email/',
  '/reinitialiser-mot-de-passe/',
];

export function safeRedirect(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value === '') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Tabs and line breaks are dropped by URL parsers and could hide a second slash.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\'))
    return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname;
  const refused = NO_RETURN.some((entry) =>
    entry.endsWith('/') ? path.startsWith(entry) : path === entry || path.startsWith(`${entry}/`),
  );
  if (refused) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Whether `path` belongs to the insurer's back office. */
export function isBackOfficePath(path: string): boolean {
  return path === '/back-office' || path.startsWith('/back-office/');
}
