import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DECRYPTED_KEPT,
  DataKeyError,
  DecryptionError,
  createFieldCipher,
  loadOrCreateDataKey,
} from './crypto';

const dirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-crypto-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('createFieldCipher', () => {
  const cipher = createFieldCipher(crypto.randomBytes(32));

  it('round-trips a value, with a versioned format and a fresh IV each time', () => {
    const nir = '1850575123456';
    const a = cipher.encrypt(nir);
    const b = cipher.encrypt(nir);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(nir);
    expect(cipher.decrypt(a)).toBe(nir);
    expect(cipher.decrypt(b)).toBe(nir);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
    expect(cipher.decrypt(cipher.encrypt('Électricité – œuvre'))).toBe('Électricité – œuvre');
  });

  it('detects tampering, truncation, a foreign format and another key', () => {
    const stored = cipher.encrypt('FR7630006000011234567890189');
    const raw = Buffer.from(stored.slice(3), 'base64');
    for (const i of [0, 12, 28, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[i] = (altered[i] ?? 0) ^ 1;
      expect(() => cipher.decrypt(`v1:${altered.toString('base64')}`)).toThrow(DecryptionError);
    }
    expect(() => cipher.decrypt(`v1:${raw.subarray(0, 20).toString('base64')}`)).toThrow(
      DecryptionError,
    );
    expect(() => cipher.decrypt(`v2:${raw.toString('base64')}`)).toThrow(DecryptionError);
    expect(() => cipher.decrypt('FR7630006000011234567890189')).toThrow(DecryptionError);
    const other = createFieldCipher(crypto.randomBytes(32));
    expect(() => other.decrypt(stored)).toThrow(/altered or encrypted with another key/);
  });

  it('keeps the last values it decrypted, never a refused one, and no more than DECRYPTED_KEPT', () => {
    const own = createFieldCipher(crypto.randomBytes(32));
    const deciphers = vi.spyOn(crypto, 'createDecipheriv');
    try {
      const stored = own.encrypt('1850575123456');
      expect(own.decrypt(stored)).toBe('1850575123456');
      expect(own.decrypt(stored)).toBe('1850575123456');
      expect(deciphers).toHaveBeenCalledTimes(1);
      // An altered value is checked every time: refused twice, never kept.
      const raw = Buffer.from(stored.slice(3), 'base64');
      raw[20] = (raw[20] ?? 0) ^ 1;
      const altered = `v1:${raw.toString('base64')}`;
      expect(() => own.decrypt(altered)).toThrow(DecryptionError);
      expect(() => own.decrypt(altered)).toThrow(DecryptionError);
      expect(deciphers).toHaveBeenCalledTimes(3);
      // Bounded: after DECRYPTED_KEPT other values, the first is decrypted again.
      const others = Array.from({ length: DECRYPTED_KEPT }, (_, i) => own.encrypt(String(i)));
      for (const o of others) own.decrypt(o);
      deciphers.mockClear();
      expect(own.decrypt(stored)).toBe('1850575123456');
      expect(deciphers).toHaveBeenCalledTimes(1);
    } finally {
      deciphers.mockRestore();
    }
  });

  it('hashes: same value → same hash, another key → another hash, keys are separated', () => {
    const key = crypto.randomBytes(32);
    const c1 = createFieldCipher(key);
    const c2 = createFieldCipher(Buffer.from(key));
    const h = c1.hash('1850575123456');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(c2.hash('1850575123456')).toBe(h);
    expect(c1.hash('1850575123457')).not.toBe(h);
    expect(createFieldCipher(crypto.randomBytes(32)).hash('1850575123456')).not.toBe(h);
    // The hash key is derived, not the master key itself.
    expect(crypto.createHmac('sha256', key).update('1850575123456').digest('hex')).not.toBe(h);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => createFieldCipher(crypto.randomBytes(16))).toThrow(DataKeyError);
  });
});

describe('loadOrCreateDataKey', () => {
  it('takes the configured key (base64 of 32 bytes) and explains a wrong one', () => {
    const key = crypto.randomBytes(32);
    const keyFile = path.join(tmpDir(), 'never.key');
    expect(
      loadOrCreateDataKey({ key: key.toString('base64'), keyFile, allowCreate: true }).equals(key),
    ).toBe(true);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(() => loadOrCreateDataKey({ key: 'not a key', keyFile, allowCreate: true })).toThrow(
      /DATA_ENCRYPTION_KEY must be 32 random bytes in base64/,
    );
    expect(() =>
      loadOrCreateDataKey({
        key: crypto.randomBytes(16).toString('base64'),
        keyFile,
        allowCreate: true,
      }),
    ).toThrow(DataKeyError);
  });

  it('creates the key file with mode 0600 (and its folder) when allowed, then reads it back', () => {
    const keyFile = path.join(tmpDir(), 'nested', 'data', 'affilia.key');
    const created = loadOrCreateDataKey({ keyFile, allowCreate: true });
    expect(created).toHaveLength(32);
    if (process.platform !== 'win32') {
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    }
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(created.toString('base64'));
    const again = loadOrCreateDataKey({ keyFile, allowCreate: true });
    expect(again.equals(created)).toBe(true);
    // The same key means the same hashes: lookups keep working after a restart.
    expect(createFieldCipher(again).hash('x')).toBe(createFieldCipher(created).hash('x'));
  });

  it('refuses to create a key when not allowed (production)', () => {
    const keyFile = path.join(tmpDir(), 'missing.key');
    expect(() => loadOrCreateDataKey({ keyFile, allowCreate: false })).toThrow(
      /No data encryption key/,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')(
    'refuses a key file other users can read (embedded) or write (production), and a malformed one',
    () => {
      const dir = tmpDir();
      const keyFile = path.join(dir, 'open.key');
      fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('base64'), { mode: 0o644 });
      fs.chmodSync(keyFile, 0o644);
      expect(() => loadOrCreateDataKey({ keyFile, allowCreate: true })).toThrow(/chmod 600/);
      fs.chmodSync(keyFile, 0o600);
      expect(loadOrCreateDataKey({ keyFile, allowCreate: true })).toHaveLength(32);

      // Production: an operator's read-only secret (0444/0644) is accepted, a writable one not.
      fs.chmodSync(keyFile, 0o444);
      expect(loadOrCreateDataKey({ keyFile, allowCreate: false })).toHaveLength(32);
      fs.chmodSync(keyFile, 0o666);
      expect(() => loadOrCreateDataKey({ keyFile, allowCreate: false })).toThrow(DataKeyError);
      fs.chmodSync(keyFile, 0o600);

      const bad = path.join(dir, 'bad.key');
      fs.writeFileSync(bad, 'short', { mode: 0o600 });
      expect(() => loadOrCreateDataKey({ keyFile: bad, allowCreate: true })).toThrow(
        /32 random bytes in base64/,
      );
    },
  );
});
