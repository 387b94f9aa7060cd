/**
 * Random tokens for sessions and CSRF protection, and constant-time comparison.
 *
 * Session tokens are bearer secrets: whoever holds one is the user. The database therefore stores only
 * `hashToken(token)` (SHA-256 hex). A leaked or backed-up session table cannot be replayed, because the
 * server needs the pre-image to authenticate and 256 random bits cannot be recovered from the digest.
 * A fast hash is sufficient here (unlike passwords) because the input has full 256-bit entropy.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a session token (256 bits, ASVS 5.0 V7 asks for at least 128). */
export const SESSION_TOKEN_BYTES = 32;
/** Bytes of randomness in a CSRF token. */
export const CSRF_TOKEN_BYTES = 32;

/** 32 cryptographically random bytes, base64url without padding (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
}

/** A fresh CSRF token (synchroniser / double-submit value), 32 random bytes, base64url. */
export function generateCsrfToken(): string {
  return randomBytes(CSRF_TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of the token's UTF-8 bytes as 64 lower-case hex characters. This is what the database stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares two strings without leaking, through timing, where they first differ or how long the secret is.
 * Both sides are hashed to fixed-length digests first, so inputs of different lengths are compared in the
 * same time as inputs of equal length. Non-string input (e.g. a missing header) compares unequal.
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  // The digest comparison is the constant-time part; the final equality check only runs on a digest match
  // (probability 2^-256 for different inputs) and guards against the theoretical collision.
  return timingSafeEqual(da, db) && a === b;
}
