import crypto from 'node:crypto';

/** A secret for a link or a cookie: 256 random bits, base64url. */
export function newSecretToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed (SHA-256 suffices: they carry 256 bits of entropy). */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A 6-digit code from a secure random source. */
export function newNumericCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}
