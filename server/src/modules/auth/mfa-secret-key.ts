import type { AppConfig } from '../../config/config.ts';
import { keyIdOf, openValue, sealValue } from '../../domain/security/crypto-suite.ts';
import { activeSuite, keyFilesOf, keyProviderFor, type KeyProvider } from '../crypto/index.ts';

/**
 * The key that seals TOTP seeds in the users table. It lives outside the database: SECRET_KEY_FILE, or
 * `secret.key` in the data folder, created on first use (mode 600) (ADR 0009). Backups do not contain it; an
 * installation restored elsewhere needs the same file, or its administrators sign in with a recovery code
 * and enrol again. Tests without SECRET_KEY_FILE use a key held in memory.
 *
 * New seals follow the installation's suite (SM4 under gm, AES-256-GCM under intl, ADR 0014) and name the
 * key they used, so seeds sealed before a `crypto migrate` or a key rotation still open.
 */

export interface MfaSecretBox {
  seal(userId: string, secret: string): string;
  /** Throws SecretOpenError when the stored value was sealed with another key. */
  open(userId: string, stored: string): string;
}

type KeyConfig = Pick<AppConfig, 'env' | 'dataDir' | 'secretKeyFile'>;

export function secretKeyFileOf(config: KeyConfig): string | null {
  return keyFilesOf(config).seeds;
}

export function mfaSecretBox(config: KeyConfig, keys: KeyProvider = keyProviderFor(config)): MfaSecretBox {
  return {
    seal: (userId, secret) => sealValue(activeSuite(), keys.current('seeds', { create: true }), secret, userId),
    open: (userId, stored) =>
      openValue(stored, (kid) => keys.all('seeds').find((k) => keyIdOf(k) === kid) ?? null, keys.all('seeds'), userId),
  };
}
