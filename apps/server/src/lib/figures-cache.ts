/**
 * Small in-process caches of what is costly to read or compute at 100,000 members: the figures
 * (counts of « Mes salariés », the home page's charts, the anchors of deep pages) and the pages of
 * the lists. Keys must hold the version of the data they derive from (lib/data-versions.ts) and
 * the caller's perimeter, so that a change of data or of rights gives a new key: entries are
 * never invalidated, they expire or are evicted (least recently used first). Every writer of the
 * data bumps its version in its own transaction, so every app instance reads the new key at once.
 *
 * One cache per database handle (a WeakMap), so that tests on separate databases never share.
 */
interface Entry {
  value: Promise<unknown>;
  expires: number;
}

export interface CacheBounds {
  maxEntries: number;
  ttlMs: number;
}

/** A cache of values by key, bounded by `bounds`; `load` runs once per key while kept. */
export function versionedCache(bounds: CacheBounds) {
  const caches = new WeakMap<object, Map<string, Entry>>();
  return function cached<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
    let cache = caches.get(owner);
    if (!cache) {
      cache = new Map();
      caches.set(owner, cache);
    }
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) {
      // Most recently used last (Map keeps insertion order).
      cache.delete(key);
      cache.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    cache.set(key, { value, expires: now + bounds.ttlMs });
    // A failed computation is not kept.
    value.catch(() => cache.delete(key));
    while (cache.size > bounds.maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return value;
  };
}

/** Figures: small values, kept 10 minutes. */
export const cachedFigure = versionedCache({ maxEntries: 2000, ttlMs: 10 * 60_000 });

/**
 * Pages of a list as read from the database (50 rows of about 1 KB each: 200 pages are about
 * 10 MB), kept 2 minutes: the first pages, a filter, the way back from a member's page, the same
 * page seen by the users of one perimeter. The rows keep their stored (encrypted) values; they
 * are decrypted when answered (lib/crypto.ts keeps the decrypted values, decision 0014).
 */
export const cachedPage = versionedCache({ maxEntries: 200, ttlMs: 2 * 60_000 });
