import crypto from 'node:crypto';

/**
 * Sealing of small secrets stored in the database (TOTP seeds) with a key kept outside it: AES-256-GCM with a
 * random 96-bit nonce, the row's owner as associated data (a sealed value copied onto another user's row does
 * not open), and a version prefix so the scheme can change. A database dump or backup alone then does not
 * give anyone the second factor of an administrator.
 *
 *   sealed = "v1:" base64url(nonce ‖ tag ‖ ciphertext)
 *
 * Values without the prefix are secrets stored before sealing existed; `openSecret` returns them unchanged so
 * the caller can re-seal them.
 */

export const SECRET_KEY_BYTES = 32;
const PREFIX = 'v1:';

export class SecretOpenError extends Error {}

/** True for any sealed form: v1 here, and the v2/gm1 forms of crypto-suite.ts that name their key. */
export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX) || /^(v2|gm1):[0-9a-f]{8}:/.test(value);
}

export function sealSecret(plain: string, key: Buffer, owner: string): string {
  if (key.length !== SECRET_KEY_BYTES) throw new Error('secret key must be 32 bytes');
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plain secret; throws SecretOpenError when the key or the owner is not the one it was sealed with. */
export function openSecret(stored: string, key: Buffer, owner: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  if (raw.length < 12 + 16) throw new SecretOpenError('sealed secret is truncated');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(owner, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretOpenError('sealed secret does not open with this key');
  }
}
