/**
 * Encryption at rest of sensitive fields (NIR, IBAN, TOTP secrets) and keyed hashes for lookups.
 *
 * - One master key of 32 bytes (DATA_ENCRYPTION_KEY, or the key file). Two sub-keys are derived
 *   from it with HKDF-SHA256, one for encryption and one for hashing, so that the lookup hashes
 *   reveal nothing about the encryption key and the other way round.
 * - `encrypt`: AES-256-GCM, a random 12-byte IV per value. Stored as one text:
 *   "v1:" + base64(iv | tag | ciphertext). The prefix names the format (and the key generation),
 *   so that a later rotation can read old values while writing new ones.
 * - `decrypt` keeps the last DECRYPTED_KEPT values it read, by their stored text (decision 0014):
 *   a page of « Mes salariés » decrypts 50 NIRs, 5 µs each, a third of the page's time. A stored
 *   text always gives the same value (its IV and tag are in it, checked the first time), and the
 *   values kept sit in the same memory as the key that decrypts every row: no one who can read
 *   the process's memory learns more. Never written anywhere, gone with the process.
 * - `hash`: HMAC-SHA256 in hex. The same value always gives the same hash (that is the point:
 *   `where nir_hash = ?`), so the caller passes the canonical form (e.g. the 13 characters of a
 *   NIR, upper-case; an IBAN upper-case without spaces).
 *
 * Key file policy:
 * - embedded mode (`allowCreate`): the key file is ours, created with mode 0600 in a folder
 *   created 0700. If it has become readable or writable by group or others, start-up is refused
 *   (like ssh does with private keys): the key may already have leaked, and silently fixing the
 *   mode would hide it. The error says which `chmod` to run.
 * - production (`allowCreate` false): the file is the operator's, often a Docker or Kubernetes
 *   secret mounted read-only with mode 0444 or 0644 inside a single-purpose container; it is
 *   refused only when group or others can write it (the key could be replaced).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FieldCipher {
  /** Encrypts a value; two calls with the same value give different outputs. */
  encrypt(plain: string): string;
  /** Decrypts what `encrypt` produced. Throws on tampering, a wrong key or a foreign format. */
  decrypt(stored: string): string;
  /** HMAC-SHA256 (hex) of an already canonical value, for equality lookups. */
  hash(value: string): string;
}

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';
const HKDF_SALT = Buffer.from('affilia/data-key', 'utf8');
/** Decrypted values kept (about 200 bytes each, 1 MB): a hundred pages of « Mes salariés ». */
export const DECRYPTED_KEPT = 5_000;

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (!key || key.length !== KEY_BYTES) {
    throw new DataKeyError(
      `${source} must be ${KEY_BYTES} random bytes in base64 (44 characters), e.g. the output of \`openssl rand -base64 32\`.`,
    );
  }
  return key;
}

/**
 * The master data key: from configuration (base64 of 32 bytes) if given, else read from
 * `keyFile`. When the file does not exist and `allowCreate` is true (embedded mode), 32 random
 * bytes are written to it (mode 0600, folder created). Throws a DataKeyError with a readable
 * message otherwise.
 */
export function loadOrCreateDataKey(opts: {
  key?: string;
  keyFile: string;
  allowCreate: boolean;
}): Buffer {
  if (opts.key !== undefined && opts.key.trim() !== '') {
    return decodeKey(opts.key, 'DATA_ENCRYPTION_KEY');
  }
  const file = opts.keyFile;
  if (!fs.existsSync(file)) {
    if (!opts.allowCreate) {
      throw new DataKeyError(
        `No data encryption key: set DATA_ENCRYPTION_KEY, or DATA_ENCRYPTION_KEY_FILE to a file holding the key (${file} does not exist).`,
      );
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const key = crypto.randomBytes(KEY_BYTES);
    try {
      // 'wx': never overwrite a key another process has just created.
      fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Lost a race with another instance: read the key it wrote.
    }
  }
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new DataKeyError(`The data key file ${file} is not a regular file.`);
  const forbidden = opts.allowCreate ? 0o077 : 0o022;
  if (process.platform !== 'win32' && (stat.mode & forbidden) !== 0) {
    throw new DataKeyError(
      `The data key file ${file} is accessible to other users (mode ${(stat.mode & 0o777).toString(8)}): run \`chmod 600 ${file}\` and check who could have read or changed it.`,
    );
  }
  return decodeKey(fs.readFileSync(file, 'utf8'), `The data key file ${file}`);
}

function subKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, HKDF_SALT, `affilia/${purpose}`, KEY_BYTES));
}

/** AES-256-GCM decryption of a stored value (see `encrypt`), checked by its tag. */
function decryptValue(encryptionKey: Buffer, stored: string): string {
  const sep = stored.indexOf(':');
  if (sep < 0 || stored.slice(0, sep) !== FORMAT) {
    throw new DecryptionError('Unknown encrypted value format');
  }
  const raw = Buffer.from(stored.slice(sep + 1), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('Truncated encrypted value');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const body = raw.subarray(IV_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // Never include the value: it could end up in a log.
    throw new DecryptionError('Encrypted value altered or encrypted with another key');
  }
}

/** The cipher for sensitive fields, from the 32-byte master key. */
export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== KEY_BYTES) {
    throw new DataKeyError(`The data key must be ${KEY_BYTES} bytes long.`);
  }
  const encryptionKey = subKey(masterKey, 'field-encryption/v1');
  const hashKey = subKey(masterKey, 'lookup-hash/v1');
  const decrypted = new Map<string, string>();

  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${FORMAT}:${Buffer.concat([iv, tag, body]).toString('base64')}`;
    },
    decrypt(stored) {
      const kept = decrypted.get(stored);
      if (kept !== undefined) {
        // Most recently read last: the oldest is the one dropped.
        decrypted.delete(stored);
        decrypted.set(stored, kept);
        return kept;
      }
      const value = decryptValue(encryptionKey, stored);
      if (decrypted.size >= DECRYPTED_KEPT) {
        decrypted.delete(decrypted.keys().next().value as string);
      }
      decrypted.set(stored, value);
      return value;
    },
    hash(value) {
      return crypto.createHmac('sha256', hashKey).update(value, 'utf8').digest('hex');
    },
  };
}
