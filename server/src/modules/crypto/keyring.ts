import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../config/config.ts';
import { keyIdOf, MASTER_KEY_BYTES, type CryptoSuite } from '../../domain/security/crypto-suite.ts';

/**
 * Where the platform's keys live (docs/security/cryptography.md). One key per purpose, never in the database
 * and never in a backup:
 *
 *   seeds   second-factor seeds          SECRET_KEY_FILE, default <DATA_DIR>/secret.key (ADR 0009)
 *   audit   the audit chain's HMAC key   AUDIT_KEY_FILE,  default <DATA_DIR>/audit.key
 *   fields  personal-information fields  FIELD_KEY_FILE,  default <DATA_DIR>/field.key
 *
 * A key file holds one base64 key per line, the current key first. A rotation puts a new key in front and
 * keeps the older lines until every value has been re-sealed, so an interrupted rotation resumes and values
 * sealed with an older key still open meanwhile.
 *
 * `KeyProvider` is the seam for a hardware security module or a key service: an implementation that keeps
 * the keys elsewhere (and, for an HSM, would perform the operations itself) replaces the file provider
 * through `useKeyProvider` without touching the callers. Only the file and in-memory providers exist.
 */

export const KEY_PURPOSES = ['seeds', 'audit', 'fields'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export class KeyMissingError extends Error {
  constructor(
    readonly purpose: KeyPurpose,
    readonly location: string,
  ) {
    super(`密钥缺失 / the ${purpose} key is missing: ${location}`);
  }
}

export interface KeyProvider {
  /** Where the keys of a purpose are kept, for messages and the security administrator's page. */
  location(purpose: KeyPurpose): string;
  /** True when a key of this purpose exists (never creates one). */
  has(purpose: KeyPurpose): boolean;
  /** The current key. `create`: make one when none exists (first start); otherwise throws KeyMissingError. */
  current(purpose: KeyPurpose, options?: { create?: boolean }): Buffer;
  /** Every key of the purpose, current first (empty when none exists). */
  all(purpose: KeyPurpose): Buffer[];
  /** Starts a rotation: a new current key in front of the existing ones. Returns it. */
  addKey(purpose: KeyPurpose): Buffer;
  /** Ends a rotation: forgets every key but the current one. */
  retireOld(purpose: KeyPurpose): void;
}

export function keyById(provider: KeyProvider, purpose: KeyPurpose, kid: string): Buffer | null {
  return provider.all(purpose).find((key) => keyIdOf(key) === kid) ?? null;
}

const newKey = () => crypto.randomBytes(MASTER_KEY_BYTES);

function parseKeyFile(file: string): Buffer[] {
  const keys = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => Buffer.from(line, 'base64'));
  if (keys.length === 0 || keys.some((k) => k.length !== MASTER_KEY_BYTES)) {
    throw new Error(`密钥文件无效 / invalid key file (expected lines of ${MASTER_KEY_BYTES} bytes, base64): ${file}`);
  }
  return keys;
}

/** Writes the whole file through a temporary file and a rename, so a crash never leaves half a key file. */
function writeKeyFile(file: string, keys: Buffer[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, keys.map((k) => k.toString('base64')).join('\n') + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function keyFilesOf(config: Pick<AppConfig, 'env' | 'dataDir' | 'secretKeyFile' | 'auditKeyFile' | 'fieldKeyFile'>): Record<KeyPurpose, string | null> {
  const inData = (name: string) => (config.env === 'test' ? null : path.join(config.dataDir, name));
  return {
    seeds: config.secretKeyFile ?? inData('secret.key'),
    audit: config.auditKeyFile ?? inData('audit.key'),
    fields: config.fieldKeyFile ?? inData('field.key'),
  };
}

/** Keys in files (mode 600), one file per purpose; a purpose without a file is held in memory (tests). */
export function fileKeyProvider(files: Record<KeyPurpose, string | null>): KeyProvider {
  const cache = new Map<KeyPurpose, Buffer[]>();
  const read = (purpose: KeyPurpose): Buffer[] => {
    const known = cache.get(purpose);
    if (known) return known;
    const file = files[purpose];
    if (!file) return memoryKeys(purpose);
    if (!fs.existsSync(file)) return [];
    const keys = parseKeyFile(file);
    cache.set(purpose, keys);
    return keys;
  };
  const write = (purpose: KeyPurpose, keys: Buffer[]) => {
    const file = files[purpose];
    if (!file) return void memory.set(purpose, keys);
    writeKeyFile(file, keys);
    cache.set(purpose, keys);
  };
  return {
    location: (purpose) => files[purpose] ?? '(memory)',
    has: (purpose) => read(purpose).length > 0,
    current(purpose, options = {}) {
      const keys = read(purpose);
      if (keys.length) return keys[0]!;
      const file = files[purpose];
      if (!options.create || !file) throw new KeyMissingError(purpose, files[purpose] ?? '(memory)');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        // 'wx': two processes starting at once never overwrite each other's key.
        fs.writeFileSync(file, newKey().toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      cache.delete(purpose);
      return read(purpose)[0]!;
    },
    all: (purpose) => [...read(purpose)],
    addKey(purpose) {
      const key = newKey();
      write(purpose, [key, ...read(purpose)]);
      return key;
    },
    retireOld(purpose) {
      const keys = read(purpose);
      if (keys.length > 1) write(purpose, [keys[0]!]);
    },
  };
}

// Tests without key files share one set of in-memory keys per process, so a "restarted" app opens what the
// previous one sealed.
const memory = new Map<KeyPurpose, Buffer[]>();
function memoryKeys(purpose: KeyPurpose): Buffer[] {
  let keys = memory.get(purpose);
  if (!keys) memory.set(purpose, (keys = [newKey()]));
  return keys;
}

type KeyConfig = Pick<AppConfig, 'env' | 'dataDir' | 'secretKeyFile' | 'auditKeyFile' | 'fieldKeyFile'>;

let provider: KeyProvider | null = null;

/** The process's key provider: by default files named by the configuration (see above). */
export function keyProvider(): KeyProvider {
  return (provider ??= fileKeyProvider(keyFilesOf(loadConfig())));
}

/** Replaces the process's key provider (a key service, or a test's key files). Returns the previous one. */
export function useKeyProvider(next: KeyProvider | null): KeyProvider | null {
  const previous = provider;
  provider = next;
  return previous;
}

/** The provider for an explicit configuration (the server's, a command's). */
export function keyProviderFor(config: KeyConfig): KeyProvider {
  return fileKeyProvider(keyFilesOf(config));
}

/** CRYPTO_SUITE, when set: the suite a new installation records at its first start. */
export function preferredSuite(): CryptoSuite | null {
  return loadConfig().cryptoSuite ?? null;
}
