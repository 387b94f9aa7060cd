import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config/config.ts';
import { openSecret, sealSecret, SECRET_KEY_BYTES } from '../../domain/security/secret-box.ts';

/**
 * The key that seals TOTP seeds in the users table (domain/security/secret-box.ts). It lives outside the
 * database: SECRET_KEY_FILE, or `secret.key` in the data folder, created on first use (mode 600). Backups do
 * not contain it; an installation restored elsewhere needs the same file, or its administrators sign in with
 * a recovery code and enrol again. Tests without SECRET_KEY_FILE use a key held in memory.
 */

export interface MfaSecretBox {
  seal(userId: string, secret: string): string;
  /** Throws SecretOpenError when the stored value was sealed with another key. */
  open(userId: string, stored: string): string;
}

const keys = new Map<string, Buffer>();
let testKey: Buffer | null = null;

export function secretKeyFileOf(config: Pick<AppConfig, 'env' | 'dataDir' | 'secretKeyFile'>): string | null {
  if (config.secretKeyFile) return config.secretKeyFile;
  return config.env === 'test' ? null : path.join(config.dataDir, 'secret.key');
}

function readOrCreateKey(file: string): Buffer {
  const known = keys.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // 'wx': two processes starting at once never overwrite each other's key.
      fs.writeFileSync(file, crypto.randomBytes(SECRET_KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`密钥文件无效 / invalid secret key file (expected ${SECRET_KEY_BYTES} bytes, base64): ${file}`);
  keys.set(file, key);
  return key;
}

export function mfaSecretBox(config: Pick<AppConfig, 'env' | 'dataDir' | 'secretKeyFile'>): MfaSecretBox {
  const file = secretKeyFileOf(config);
  const key = () => (file ? readOrCreateKey(file) : (testKey ??= crypto.randomBytes(SECRET_KEY_BYTES)));
  return {
    seal: (userId, secret) => sealSecret(secret, key(), userId),
    open: (userId, stored) => openSecret(stored, key(), userId),
  };
}
