import crypto from 'node:crypto';
import { openSecret, SecretOpenError } from './secret-box.ts';

/**
 * The two cryptographic suites of the platform (docs/decisions/0014-commercial-cryptography.md):
 *
 * - `gm`:   SM3 (GB/T 32905) for hashes and HMAC, SM4 (GB/T 32907) for encryption. OpenSSL as shipped with
 *           Node has no SM4-GCM, so sealing is SM4-CBC with a random IV, then HMAC-SM3 over the version, the
 *           key id, the associated data, the IV and the ciphertext (encrypt-then-MAC), checked before decrypting.
 * - `intl`: SHA-256 / HMAC-SHA-256 and AES-256-GCM.
 *
 * Every key is 32 random bytes kept outside the database; the working keys are derived from it per purpose
 * (HMAC with a label), so one stored key never serves two algorithms directly.
 *
 * Sealed values carry their scheme and the id of the key they were sealed with, so a value sealed under the
 * other suite or an older key still opens (migration and rotation run in batches and may stop half-way):
 *
 *   "gm1:" kid ":" base64url(iv ‖ ciphertext ‖ mac)      SM4-CBC + HMAC-SM3
 *   "v2:"  kid ":" base64url(nonce ‖ tag ‖ ciphertext)     AES-256-GCM
 *   "v1:"  base64url(nonce ‖ tag ‖ ciphertext)             AES-256-GCM, before key ids (secret-box.ts)
 */

export const CRYPTO_SUITES = ['gm', 'intl'] as const;
export type CryptoSuite = (typeof CRYPTO_SUITES)[number];

export const MASTER_KEY_BYTES = 32;

export function isCryptoSuite(value: unknown): value is CryptoSuite {
  return value === 'gm' || value === 'intl';
}

/** What each suite uses, for the security administrator's page and the documentation. */
export const SUITE_ALGORITHMS: Record<CryptoSuite, { hash: string; mac: string; cipher: string }> = {
  gm: { hash: 'SM3', mac: 'HMAC-SM3', cipher: 'SM4-CBC + HMAC-SM3' },
  intl: { hash: 'SHA-256', mac: 'HMAC-SHA-256', cipher: 'AES-256-GCM' },
};

const digestOf = (suite: CryptoSuite) => (suite === 'gm' ? 'sm3' : 'sha256');

export function hashHex(suite: CryptoSuite, data: string | Buffer): string {
  return crypto.createHash(digestOf(suite)).update(data).digest('hex');
}

export function hmac(suite: CryptoSuite, key: Buffer, data: string | Buffer): Buffer {
  return crypto.createHmac(digestOf(suite), key).update(data).digest();
}

export function hmacHex(suite: CryptoSuite, key: Buffer, data: string | Buffer): string {
  return hmac(suite, key, data).toString('hex');
}

/** A sub-key for one purpose: HMAC(master, label), truncated to `bytes`. */
export function deriveKey(suite: CryptoSuite, master: Buffer, label: string, bytes = 32): Buffer {
  return hmac(suite, master, `biomfg:${label}`).subarray(0, bytes);
}

/** A short public name of a key (not secret: 32 bits of a hash of 256 random bits), stored beside sealed values. */
export function keyIdOf(master: Buffer): string {
  return crypto.createHash('sha256').update('biomfg:key-id').update(master).digest('hex').slice(0, 8);
}

function lengthPrefixed(...parts: Buffer[]): Buffer {
  const out: Buffer[] = [];
  for (const part of parts) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(part.length);
    out.push(len, part);
  }
  return Buffer.concat(out);
}

/** Seals `plain` under the suite with the given key; `aad` binds the value to its owner (e.g. a row id). */
export function sealValue(suite: CryptoSuite, master: Buffer, plain: string, aad: string): string {
  if (master.length !== MASTER_KEY_BYTES) throw new Error('key must be 32 bytes');
  const kid = keyIdOf(master);
  if (suite === 'gm') {
    const encKey = deriveKey('gm', master, 'sm4-cbc', 16);
    const macKey = deriveKey('gm', master, 'hmac-sm3');
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = hmac('gm', macKey, lengthPrefixed(Buffer.from(`gm1:${kid}`), Buffer.from(aad, 'utf8'), iv, body));
    return `gm1:${kid}:${Buffer.concat([iv, body, mac]).toString('base64url')}`;
  }
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey('intl', master, 'aes-256-gcm'), nonce);
  cipher.setAAD(lengthPrefixed(Buffer.from(`v2:${kid}`), Buffer.from(aad, 'utf8')));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v2:${kid}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export interface SealedInfo {
  scheme: 'gm1' | 'v2' | 'v1' | 'plain';
  /** The id of the key it was sealed with; null for v1 (the only key of its time) and plain values. */
  kid: string | null;
}

export function sealedInfo(stored: string): SealedInfo {
  const m = /^(gm1|v2):([0-9a-f]{8}):/.exec(stored);
  if (m) return { scheme: m[1] as 'gm1' | 'v2', kid: m[2]! };
  if (stored.startsWith('v1:')) return { scheme: 'v1', kid: null };
  return { scheme: 'plain', kid: null };
}

/**
 * Opens a value sealed by `sealValue` (either suite) or by secret-box.ts (v1). `keyById` gives the key of a
 * key id (null when unknown); v1 values open with one of `legacyKeys` (they carry no key id). Plain values (stored before sealing existed)
 * are returned as they are. Throws SecretOpenError when the key is unknown or the value was altered.
 */
export function openValue(stored: string, keyById: (kid: string) => Buffer | null, legacyKeys: readonly Buffer[], aad: string): string {
  const info = sealedInfo(stored);
  if (info.scheme === 'plain') return stored;
  if (info.scheme === 'v1') {
    for (const key of legacyKeys) {
      try {
        return openSecret(stored, key, aad);
      } catch (error) {
        if (!(error instanceof SecretOpenError)) throw error;
      }
    }
    throw new SecretOpenError('sealed secret does not open with any key of this installation');
  }
  const master = keyById(info.kid!);
  if (!master) throw new SecretOpenError(`sealed with key ${info.kid}, which this installation does not have`);
  const raw = Buffer.from(stored.slice(info.scheme.length + 10), 'base64url');
  const header = Buffer.from(`${info.scheme}:${info.kid}`);
  if (info.scheme === 'gm1') {
    if (raw.length < 16 + 16 + 32) throw new SecretOpenError('sealed value is truncated');
    const iv = raw.subarray(0, 16);
    const body = raw.subarray(16, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    const expected = hmac('gm', deriveKey('gm', master, 'hmac-sm3'), lengthPrefixed(header, Buffer.from(aad, 'utf8'), iv, body));
    if (!crypto.timingSafeEqual(mac, expected)) throw new SecretOpenError('sealed value does not open with this key');
    const decipher = crypto.createDecipheriv('sm4-cbc', deriveKey('gm', master, 'sm4-cbc', 16), iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
  if (raw.length < 12 + 16) throw new SecretOpenError('sealed value is truncated');
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey('intl', master, 'aes-256-gcm'), raw.subarray(0, 12));
  decipher.setAAD(lengthPrefixed(header, Buffer.from(aad, 'utf8')));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretOpenError('sealed value does not open with this key');
  }
}
