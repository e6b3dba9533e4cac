/**
 * A small in-process cache of figures that are costly to compute at 100,000 members (counts of
 * « Mes salariés », the home page's charts, the anchors of deep pages). Keys must hold the
 * version of the data they derive from (lib/data-versions.ts) and the caller's perimeter, so
 * that a change of data or of rights gives a new key: entries are never invalidated, they expire
 * (10 minutes) or are evicted (least recently used first).
 *
 * One cache per database handle (a WeakMap), so that tests on separate databases never share.
 */
const MAX_ENTRIES = 2000;
const TTL_MS = 10 * 60_000;

interface Entry {
  value: Promise<unknown>;
  expires: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();

export function cachedFigure<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
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
  cache.set(key, { value, expires: now + TTL_MS });
  // A failed computation is not kept.
  value.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return value;
}
