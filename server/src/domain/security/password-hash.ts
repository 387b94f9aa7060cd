/**
 * Password hashing with Argon2id (RFC 9106) through `@node-rs/argon2`.
 *
 * Parameters follow the OWASP Password Storage Cheat Sheet minimum for Argon2id: m = 19 MiB (19456 KiB),
 * t = 2 iterations, p = 1 lane, 16-byte random salt, 32-byte output, encoded as a PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so each stored hash carries its own parameters and
 * `needsRehash` can tell when a stored hash was made with older/weaker settings.
 *
 * Passwords are normalised to Unicode NFKC before hashing and verifying (NIST SP 800-63B §5.1.1.2), so a
 * password typed with a full-width IME (ｐａｓｓ) or a composed/decomposed accent still verifies.
 */
import { hash, parseOptions, verify, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// `Algorithm` / `Version` are ambient const enums in the package typings, which `isolatedModules` cannot
// read; their numeric values are stable parts of the binding's API.
const ARGON2ID = 2; // Algorithm.Argon2id
const VERSION_0X13 = 1; // Version.V0x13

/** The hashing parameters in force. Changing them makes `needsRehash` true for older hashes. */
export const ARGON2_PARAMS = Object.freeze({
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
});

/**
 * Longest input (UTF-16 code units) that is ever handed to Argon2. The password policy caps new passwords
 * at 128 characters; this larger bound only protects the login path, which sees unvalidated input.
 */
export const MAX_HASH_INPUT_LENGTH = 1024;

const OPTIONS: Options = {
  algorithm: ARGON2ID as Options['algorithm'],
  version: VERSION_0X13 as Options['version'],
  memoryCost: ARGON2_PARAMS.memoryCost,
  timeCost: ARGON2_PARAMS.timeCost,
  parallelism: ARGON2_PARAMS.parallelism,
  outputLen: ARGON2_PARAMS.outputLen,
};

/** The form in which passwords are hashed: Unicode NFKC. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Hashes a password with Argon2id and the current parameters; returns a PHC-format string. */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  if (password.length > MAX_HASH_INPUT_LENGTH) throw new RangeError('password is too long to hash');
  return hash(normalizePassword(password), OPTIONS);
}

/**
 * True when `password` matches `storedHash`. Never throws: a malformed or foreign stored hash, a non-string
 * or an absurdly long input all give `false`. Over-long input still spends one Argon2 verification, so the
 * response time does not reveal that the input was rejected early.
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length > MAX_HASH_INPUT_LENGTH || typeof storedHash !== 'string') {
    await dummyVerify();
    return false;
  }
  try {
    return await verify(storedHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/**
 * True when a stored hash should be replaced on the next successful login: not Argon2id, not version 0x13,
 * or made with parameters different from `ARGON2_PARAMS` (weaker or stronger: one uniform cost keeps login
 * timing uniform). Unparseable input also needs a rehash.
 */
export function needsRehash(storedHash: string): boolean {
  try {
    const p = parseOptions(storedHash);
    return (
      (p.algorithm as number) !== ARGON2ID ||
      (p.version as number) !== VERSION_0X13 ||
      p.memoryCost !== ARGON2_PARAMS.memoryCost ||
      p.timeCost !== ARGON2_PARAMS.timeCost ||
      p.parallelism !== ARGON2_PARAMS.parallelism ||
      p.outputLen !== ARGON2_PARAMS.outputLen ||
      p.saltLen < 16
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash with the current parameters of a random password nobody knows, made once per process. Exposed for
 * tests; callers use `dummyVerify`.
 */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), OPTIONS);
  return dummyHash;
}

/**
 * Spends the same work as `verifyPassword` against a real account and returns `false`. Call it when the
 * username does not exist (or the account cannot log in) so that the response time does not tell an
 * attacker which usernames exist (ASVS 5.0 V6: no user enumeration).
 */
export async function dummyVerify(password = ''): Promise<false> {
  const stored = await getDummyHash();
  try {
    const input = typeof password === 'string' ? normalizePassword(password.slice(0, MAX_HASH_INPUT_LENGTH)) : '';
    await verify(stored, input);
  } catch {
    // ignore: the point is the time spent
  }
  return false;
}
