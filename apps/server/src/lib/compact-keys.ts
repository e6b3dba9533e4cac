/**
 * Remembering many keys in little memory, for what an import must know across its batches (the
 * rows already seen in the file, the members already met): exactly, in memory that does not grow
 * with the keys' text.
 *
 * A SpillingKeyMap keeps in memory only 8 bytes a slot (a 32-bit tag of the key and where its
 * record is), in one typed array sized from the number of keys expected (the file's rows, counted
 * before they are applied); the keys and their values are appended to a temporary file, encrypted
 * with a key that lives only in this process (a NIR is never written in clear), and read back
 * only when a tag matches: a match is always confirmed on the key itself, so two keys that share
 * a tag are never taken for one another. About 11 bytes a key in memory (8 bytes a slot at
 * 70 % load), where a Map of strings takes 100 to 150.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

const tagOf = (key: string) => fingerprint(key)[0];

/** Most keys in a slot table before it doubles (linear probing). */
const LOAD = 0.7;
/** Records are aligned on 4 bytes: a slot addresses 16 GB of them with 32 bits. */
const ALIGN = 4;

export interface SpillingKeyMapOptions {
  /** Bytes of records kept in memory before they are written to the file (256 kB). */
  bufferBytes?: number;
  /** The key's 32-bit tag (the tests give a colliding one). */
  tag?: (key: string) => number;
}

/**
 * Keys → a value (a string), exact. Only `putIfAbsent` writes: what an import remembers of a
 * key is what its first row said.
 */
export class SpillingKeyMap {
  private capacity: number;
  private count = 0;
  /** Per slot: the key's tag, then 1 + its record's offset / ALIGN (0: an empty slot). */
  private slots: Uint32Array;
  private readonly records: RecordFile;
  private readonly tag: (key: string) => number;

  constructor(expectedKeys: number, options: SpillingKeyMapOptions = {}) {
    this.capacity = Math.max(16, Math.ceil(expectedKeys / LOAD) + 1);
    this.slots = new Uint32Array(this.capacity * 2);
    this.records = new RecordFile(options.bufferBytes ?? 256 * 1024);
    this.tag = options.tag ?? tagOf;
  }

  get size(): number {
    return this.count;
  }

  /** The slot a tag starts at (the top bits of tag × capacity). */
  private home(tag: number): number {
    return Math.min(this.capacity - 1, Math.floor((tag / 0x1_0000_0000) * this.capacity));
  }

  /** The key's slot, and its value when it is there (a tag match confirmed on the key). */
  private find(key: string, tag: number): { slot: number; value: string | null } {
    const { slots, capacity } = this;
    let i = this.home(tag);
    while (slots[2 * i + 1] !== 0) {
      if (slots[2 * i] === tag) {
        const record = this.records.read(((slots[2 * i + 1] as number) - 1) * ALIGN);
        if (record.key === key) return { slot: i, value: record.value };
      }
      i = i + 1 === capacity ? 0 : i + 1;
    }
    return { slot: i, value: null };
  }

  get(key: string): string | null {
    return this.find(key, this.tag(key) >>> 0).value;
  }

  has(key: string): boolean {
    return this.get(key) !== null;
  }

  /** The value already given to the key, else null after giving it `value`. */
  putIfAbsent(key: string, value: string): string | null {
    const tag = this.tag(key) >>> 0;
    const found = this.find(key, tag);
    if (found.value !== null) return found.value;
    let { slot } = found;
    if ((this.count + 1) / this.capacity > LOAD) {
      this.grow();
      slot = this.find(key, tag).slot;
    }
    const offset = this.records.append(key, value);
    this.slots[2 * slot] = tag;
    this.slots[2 * slot + 1] = offset / ALIGN + 1;
    this.count += 1;
    return null;
  }

  /** Closes and removes the temporary file. */
  close(): void {
    this.records.close();
  }

  /** Twice the slots, placed again from their tags (the records stay where they are). */
  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(this.capacity * 2);
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = this.home(old[j] as number);
      while (this.slots[2 * i + 1] !== 0) i = i + 1 === this.capacity ? 0 : i + 1;
      this.slots[2 * i] = old[j] as number;
      this.slots[2 * i + 1] = old[j + 1] as number;
    }
  }
}

/**
 * Records (a key and its value) appended to a temporary file, encrypted (AES-256-CTR with a key
 * made for this file and kept only in memory); the last ones wait in a buffer. The file is
 * opened with the first record that does not fit the buffer, removed from its directory at once
 * (it disappears with the process), and closed by `close`.
 */
class RecordFile {
  private buffer: Buffer;
  /** Bytes of the buffer in use. */
  private used = 0;
  /** Bytes already written to the file. */
  private written = 0;
  private fd: number | null = null;
  private readonly key = crypto.randomBytes(32);
  private readonly iv = crypto.randomBytes(16);
  private cipher: crypto.Cipher | null = null;

  constructor(bufferBytes: number) {
    this.buffer = Buffer.allocUnsafe(bufferBytes);
  }

  /** Appends a record; its offset. */
  append(key: string, value: string): number {
    const keyBytes = Buffer.byteLength(key);
    const valueBytes = Buffer.byteLength(value);
    const size = Math.ceil((8 + keyBytes + valueBytes) / ALIGN) * ALIGN;
    if (this.used + size > this.buffer.length) this.flush();
    if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(size);
    const at = this.used;
    this.buffer.writeUInt32LE(keyBytes, at);
    this.buffer.writeUInt32LE(valueBytes, at + 4);
    this.buffer.write(key, at + 8);
    this.buffer.write(value, at + 8 + keyBytes);
    this.used += size;
    return this.written + at;
  }

  read(offset: number): { key: string; value: string } {
    let bytes: Buffer;
    let at: number;
    if (offset >= this.written) {
      bytes = this.buffer;
      at = offset - this.written;
    } else {
      const head = this.readFile(offset, 8);
      bytes = this.readFile(offset, 8 + head.readUInt32LE(0) + head.readUInt32LE(4));
      at = 0;
    }
    const keyBytes = bytes.readUInt32LE(at);
    const valueBytes = bytes.readUInt32LE(at + 4);
    return {
      key: bytes.toString('utf8', at + 8, at + 8 + keyBytes),
      value: bytes.toString('utf8', at + 8 + keyBytes, at + 8 + keyBytes + valueBytes),
    };
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.buffer = Buffer.alloc(0);
    this.used = 0;
  }

  private flush(): void {
    if (this.used === 0) return;
    if (this.fd === null) {
      const file = path.join(os.tmpdir(), `affilia-import-keys-${crypto.randomUUID()}`);
      this.fd = fs.openSync(file, 'wx+', 0o600);
      fs.rmSync(file, { force: true });
      this.cipher = crypto.createCipheriv('aes-256-ctr', this.key, this.iv);
    }
    const encrypted = (this.cipher as crypto.Cipher).update(this.buffer.subarray(0, this.used));
    let done = 0;
    while (done < encrypted.length) {
      done += fs.writeSync(this.fd, encrypted, done, encrypted.length - done, this.written + done);
    }
    this.written += this.used;
    this.used = 0;
  }

  /** `length` bytes of the file from `offset`, decrypted. */
  private readFile(offset: number, length: number): Buffer {
    const block = Math.floor(offset / 16);
    const skip = offset - block * 16;
    const cipherBytes = Buffer.alloc(skip + length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(
        this.fd as number,
        cipherBytes,
        skip + done,
        length - done,
        offset + done,
      );
      if (n === 0) throw new Error('SpillingKeyMap: a record beyond the end of its file');
      done += n;
    }
    // The CTR counter of the block the offset is in: the file's IV plus the block's number.
    const counter = (BigInt(`0x${this.iv.toString('hex')}`) + BigInt(block)) % (1n << 128n);
    const iv = Buffer.from(counter.toString(16).padStart(32, '0'), 'hex');
    const decipher = crypto.createDecipheriv('aes-256-ctr', this.key, iv);
    return decipher.update(cipherBytes).subarray(skip);
  }
}
