/**
 * Remembering many keys in little memory, for what an import must know across its batches (the
 * rows already seen in the file, the members already met): a key is kept as a 64-bit fingerprint
 * in typed arrays (open addressing), with a few 32-bit values, never as a string. About 30 bytes
 * a key with one value, where a Map of strings takes 100 to 150: a million rows fit in tens of MB.
 *
 * A fingerprint is not the key: two different keys share one with a probability of about n²/2⁶⁵
 * (one in 37 million for a million keys). Use it where such a collision costs little (an import
 * row reported as a duplicate), never for access rights.
 */

/** A 64-bit fingerprint of a string, as two 32-bit halves (the two lanes of cyrb53). */
export function fingerprint(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A 32-bit hash of a string (a value to compare, not a key). */
export function hash32(text: string): number {
  return fingerprint(text)[0];
}

/** Keys (as fingerprints) → `words` unsigned 32-bit values each. */
export class CompactKeyMap {
  private capacity: number;
  private count = 0;
  private keys: Uint32Array;
  private used: Uint8Array;
  private values: Uint32Array;

  constructor(
    private readonly words: number,
    initialCapacity = 1024,
  ) {
    this.capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keys = new Uint32Array(this.capacity * 2);
    this.used = new Uint8Array(this.capacity);
    this.values = new Uint32Array(this.capacity * words);
  }

  get size(): number {
    return this.count;
  }

  /** The slot of a fingerprint: where it is, or the empty slot where it would go. */
  private slot(h1: number, h2: number): number {
    const mask = this.capacity - 1;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    while (this.used[i] === 1 && (this.keys[2 * i] !== h1 || this.keys[2 * i + 1] !== h2)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The values of a key (a copy), or null when the key was never set. */
  get(key: string): number[] | null {
    const [h1, h2] = fingerprint(key);
    const i = this.slot(h1, h2);
    if (this.used[i] !== 1) return null;
    return Array.from(this.values.subarray(i * this.words, (i + 1) * this.words));
  }

  has(key: string): boolean {
    const [h1, h2] = fingerprint(key);
    return this.used[this.slot(h1, h2)] === 1;
  }

  /** Sets a key's values (numbers from 0 to 2³² − 1; missing ones are 0). */
  set(key: string, values: readonly number[]): void {
    const [h1, h2] = fingerprint(key);
    let i = this.slot(h1, h2);
    if (this.used[i] !== 1) {
      if ((this.count + 1) * 10 > this.capacity * 7) {
        this.grow();
        i = this.slot(h1, h2);
      }
      this.used[i] = 1;
      this.keys[2 * i] = h1;
      this.keys[2 * i + 1] = h2;
      this.count += 1;
    }
    for (let w = 0; w < this.words; w += 1) this.values[i * this.words + w] = values[w] ?? 0;
  }

  private grow(): void {
    const { keys, used, values, capacity, words } = this;
    this.capacity = capacity * 2;
    this.keys = new Uint32Array(this.capacity * 2);
    this.used = new Uint8Array(this.capacity);
    this.values = new Uint32Array(this.capacity * words);
    for (let j = 0; j < capacity; j += 1) {
      if (used[j] !== 1) continue;
      const h1 = keys[2 * j] as number;
      const h2 = keys[2 * j + 1] as number;
      const i = this.slot(h1, h2);
      this.used[i] = 1;
      this.keys[2 * i] = h1;
      this.keys[2 * i + 1] = h2;
      this.values.set(values.subarray(j * words, (j + 1) * words), i * words);
    }
  }
}
