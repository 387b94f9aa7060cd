/**
 * One-time MFA recovery codes (ASVS 5.0 V6 "look-up secrets"), shown once at MFA enrolment.
 *
 * Format: `xxxx-xxxx`, 8 characters from Crockford's base32 alphabet in lower case
 * (`0-9 a-z` without i, l, o, u). 32 symbols × 8 positions = exactly 40 bits from `crypto.randomInt`.
 * Crockford's alphabet is built for codes that people read and type: the letters that look like digits are
 * left out of the output, and on input they are folded back (o → 0, i/l → 1), so a misread code still works.
 *
 * Storage: only `hashRecoveryCode(code)` (SHA-256 hex of the normalised code) is stored. A fast hash is
 * acceptable here, unlike for passwords, because:
 *  - the code is random with 40 bits of entropy, not chosen by a person, so there is no dictionary to try
 *    and online guessing (rate-limited, with account lock-out) cannot get anywhere near 2^40 attempts;
 *  - a recovery code only replaces the second factor. An attacker who has stolen the database and brute-forces
 *    a code offline still needs the user's password, which is Argon2id-protected; and the same database
 *    already holds the TOTP secret that the code stands in for, so a slow hash here would not raise the bar;
 *  - the hash keeps the codes out of sight of operators, backups and logs, and lets the login look a code up
 *    by its hash directly.
 */
import { createHash, randomInt } from 'node:crypto';
import { timingSafeEqualString } from './tokens.ts';

/** Output alphabet: Crockford base32, lower case. */
export const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const RECOVERY_CODE_GROUP = 4;
export const RECOVERY_CODE_LENGTH = 8;
export const DEFAULT_RECOVERY_CODE_COUNT = 10;
/** Entropy per code in bits: 8 × log2(32). */
export const RECOVERY_CODE_BITS = RECOVERY_CODE_LENGTH * Math.log2(RECOVERY_CODE_ALPHABET.length);

function randomCode(): string {
  let raw = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) raw += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return formatRecoveryCode(raw);
}

/** `count` distinct fresh codes such as `k7mq-2vxp`. */
export function generateRecoveryCodes(count = DEFAULT_RECOVERY_CODE_COUNT): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new RangeError('count must be an integer from 1 to 100');
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/**
 * The canonical form a typed code is compared in: NFKC (full-width → ASCII), lower case, whitespace, hyphens
 * and other dashes removed, and the look-alikes folded as Crockford specifies (o → 0, i and l → 1).
 * Does not validate; see `isRecoveryCodeFormat`.
 */
export function normalizeRecoveryCode(input: string): string {
  return String(input)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_\u2010-\u2015\u2212\u30fc\uff0d]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
}

/** Display form of a normalised code: `xxxx-xxxx`. */
export function formatRecoveryCode(input: string): string {
  const n = normalizeRecoveryCode(input);
  return n.length === RECOVERY_CODE_LENGTH ? `${n.slice(0, RECOVERY_CODE_GROUP)}-${n.slice(RECOVERY_CODE_GROUP)}` : n;
}

/** True when the input, once normalised, has the shape of a recovery code (8 alphabet characters). */
export function isRecoveryCodeFormat(input: string): boolean {
  const n = normalizeRecoveryCode(input);
  return n.length === RECOVERY_CODE_LENGTH && [...n].every((c) => RECOVERY_CODE_ALPHABET.includes(c));
}

/** SHA-256 hex of the normalised code: what the database stores and looks up. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest('hex');
}

/**
 * Index of the stored hash matching the typed code, or -1. Compares against every stored hash in constant time
 * per entry (the caller then deletes or marks that entry used: each code works once).
 */
export function matchRecoveryCode(input: string, storedHashes: readonly string[]): number {
  const h = isRecoveryCodeFormat(input) ? hashRecoveryCode(input) : '';
  let found = -1;
  storedHashes.forEach((stored, i) => {
    if (timingSafeEqualString(stored, h) && h !== '' && found < 0) found = i;
  });
  return found;
}
