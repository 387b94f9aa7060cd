/**
 * Password policy (see docs/decisions/0003-password-policy.md).
 *
 * Defaults follow the 等保 2.0 (MLPS 2.0) level-3 reading — complexity and periodic change — because the
 * customer is assessed against it. Every rule is configurable by the security administrator; the check against
 * common and breached passwords (ASVS 5.0 / NIST SP 800-63B) and the 128-character ceiling always apply.
 *
 * Length is counted in Unicode code points after NFKC normalisation (the same form that is hashed), so a
 * Chinese character or an emoji counts as one character.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyPassword } from './password-hash.ts';

export type PasswordPolicy = {
  /** Minimum length in characters (code points). */
  minLength: number;
  /** How many of the four classes (lower case, upper case, digit, symbol/other) must appear; 0 disables. */
  minClasses: number;
  /** How many previous passwords may not be reused; 0 disables. */
  historyCount: number;
  /** Days after which a password must be changed; 0 (or less) disables expiry. */
  maxAgeDays: number;
  /** Refuse passwords containing the username (or the username reversed), case-insensitively. */
  forbidUsername: boolean;
};

export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minLength: 8,
  minClasses: 3,
  historyCount: 5,
  maxAgeDays: 90,
  forbidUsername: true,
});

/**
 * Hard ceiling, not configurable: Argon2 cost does not grow much with input length, but an unbounded input is
 * still a free lever for denial of service, and ASVS only asks that at least 64 characters be allowed.
 */
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordRule = 'length' | 'classes' | 'username' | 'common' | 'history' | 'whitespace-only' | 'too-long';

export type PasswordViolation = { rule: PasswordRule; messageZh: string; messageEn: string };

export type PasswordCheckResult = { ok: boolean; violations: PasswordViolation[] };

const DAY_MS = 24 * 60 * 60 * 1000;

// ---- common-password list -------------------------------------------------------------------------------------

let commonList: { plain: Set<string>; folded: Set<string> } | undefined;

/** Undoes the usual character substitutions so that p@55w0rd and password compare equal. */
function foldLeet(s: string): string {
  return s.replace(/[@4]/g, 'a').replace(/[$5]/g, 's').replace(/0/g, 'o').replace(/[1!|]/g, 'i').replace(/3/g, 'e').replace(/7/g, 't');
}

function loadCommonPasswords(): { plain: Set<string>; folded: Set<string> } {
  if (!commonList) {
    const file = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
    const plain = new Set<string>();
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const entry = line.trim().normalize('NFKC').toLowerCase();
      if (entry && !entry.startsWith('#')) plain.add(entry);
    }
    commonList = { plain, folded: new Set([...plain].map(foldLeet)) };
  }
  return commonList;
}

/** Number of entries in the bundled list (loads it). */
export function commonPasswordCount(): number {
  return loadCommonPasswords().plain.size;
}

/**
 * Longest trailing run of digits/symbols that is stripped before comparing with the list. 4 covers
 * "Password1!" and "woaini1314"; 6 also covers the word + year + symbol habit that forced rotation breeds
 * ("Summer2024!", "Jinshan@2025"). Only list words are affected, so a long strip cannot reject a strong password.
 */
export const COMMON_SUFFIX_MAX = 6;

/**
 * True when the password is on the common-password list: compared case-insensitively (after NFKC), as is and
 * with a trailing run of up to `COMMON_SUFFIX_MAX` digits/symbols (and at most two letters) removed
 * ("Password1!" → "password", "woaini1314A!" → "woaini1314"), each
 * also with common character substitutions undone ("P@ssw0rd" → "password").
 */
export function isCommonPassword(password: string): boolean {
  const { plain, folded } = loadCommonPasswords();
  const chars = [...password.normalize('NFKC').toLowerCase()];
  let lettersCut = 0;
  for (let cut = 0; cut <= COMMON_SUFFIX_MAX && cut < chars.length; cut++) {
    if (cut > 0 && /[\p{L}]/u.test(chars[chars.length - cut]!)) lettersCut++;
    // A letter or two appended to satisfy a composition rule ("woaini1314A!") does not make a listed word
    // strong: they are stripped too, but only down to a stem of COMMON_STEM_MIN characters, so a short list
    // entry ("abc") cannot refuse a long password that merely starts with it.
    if (lettersCut > COMMON_SUFFIX_LETTERS_MAX) break;
    const stem = chars.slice(0, chars.length - cut).join('');
    if (lettersCut > 0 && stem.length < COMMON_STEM_MIN) break;
    if (plain.has(stem) || folded.has(foldLeet(stem))) return true;
  }
  return false;
}

/** Letters (case folded) that may be in the stripped suffix; more make it a different password. */
export const COMMON_SUFFIX_LETTERS_MAX = 2;
/** Shortest list word that still refuses a password when letters had to be stripped to reach it. */
export const COMMON_STEM_MIN = 6;

// ---- rules ----------------------------------------------------------------------------------------------------

/** Which of the four character classes occur. Letters without case (e.g. Chinese) count as "other". */
export function characterClasses(password: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean } {
  const r = { lower: false, upper: false, digit: false, symbol: false };
  for (const ch of password.normalize('NFKC')) {
    if (/\p{Ll}/u.test(ch)) r.lower = true;
    else if (/\p{Lu}/u.test(ch)) r.upper = true;
    else if (/\p{Nd}/u.test(ch)) r.digit = true;
    else r.symbol = true;
  }
  return r;
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

/**
 * Whether the password contains the username (or the username reversed), ignoring case. Usernames shorter
 * than 3 characters are only matched as the whole password, since any password would otherwise "contain" "li".
 */
function containsUsername(password: string, username: string): boolean {
  const p = password.normalize('NFKC').toLowerCase();
  const u = username.normalize('NFKC').trim().toLowerCase();
  if (!u) return false;
  if ([...u].length < 3) return p === u || p === reverse(u);
  return p.includes(u) || p.includes(reverse(u));
}

function violation(rule: PasswordRule, policy: PasswordPolicy): PasswordViolation {
  switch (rule) {
    case 'length':
      return {
        rule,
        messageZh: `密码长度至少为 ${policy.minLength} 个字符`,
        messageEn: `The password must be at least ${policy.minLength} characters long`,
      };
    case 'too-long':
      return {
        rule,
        messageZh: `密码长度不能超过 ${MAX_PASSWORD_LENGTH} 个字符`,
        messageEn: `The password must not be longer than ${MAX_PASSWORD_LENGTH} characters`,
      };
    case 'classes':
      return {
        rule,
        messageZh: `密码须包含小写字母、大写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`,
        messageEn: `The password must contain at least ${policy.minClasses} of: lower-case letters, upper-case letters, digits, symbols`,
      };
    case 'username':
      return { rule, messageZh: '密码不能包含用户名（含倒序）', messageEn: 'The password must not contain the username (forwards or backwards)' };
    case 'common':
      return {
        rule,
        messageZh: '该密码过于常见或已在泄露密码中出现，请更换',
        messageEn: 'This password is too common or known from data breaches; choose another',
      };
    case 'history':
      return {
        rule,
        messageZh: `不能使用最近 ${policy.historyCount} 次使用过的密码`,
        messageEn: `The password must differ from the last ${policy.historyCount} passwords`,
      };
    case 'whitespace-only':
      return { rule, messageZh: '密码不能只由空白字符组成', messageEn: 'The password must not consist of whitespace only' };
  }
}

/**
 * Checks a proposed new password. `isInHistory` is the result of `isPasswordReused` against the user's last
 * `policy.historyCount` hashes (computed by the caller, because it needs the database and is slow).
 * Violations are returned in a stable order so the UI can show them all at once.
 */
export function checkPasswordPolicy({
  password,
  username,
  policy = DEFAULT_PASSWORD_POLICY,
  isInHistory = false,
}: {
  password: string;
  username: string;
  policy?: PasswordPolicy;
  isInHistory?: boolean;
}): PasswordCheckResult {
  const rules: PasswordRule[] = [];
  const normalized = typeof password === 'string' ? password.normalize('NFKC') : '';
  const length = [...normalized].length;

  if (normalized.trim() === '') rules.push('whitespace-only');
  if (length < policy.minLength) rules.push('length');
  if (length > MAX_PASSWORD_LENGTH) rules.push('too-long');
  if (policy.minClasses > 0) {
    const c = characterClasses(normalized);
    const present = [c.lower, c.upper, c.digit, c.symbol].filter(Boolean).length;
    if (present < Math.min(policy.minClasses, 4)) rules.push('classes');
  }
  if (policy.forbidUsername && typeof username === 'string' && containsUsername(normalized, username)) rules.push('username');
  if (length <= MAX_PASSWORD_LENGTH && normalized.trim() !== '' && isCommonPassword(normalized)) rules.push('common');
  if (policy.historyCount > 0 && isInHistory) rules.push('history');

  return { ok: rules.length === 0, violations: rules.map((r) => violation(r, policy)) };
}

/**
 * True when the password equals one of the previous passwords, given their Argon2 hashes (newest first; the
 * caller passes at most `policy.historyCount` of them). Malformed hashes never match.
 */
export async function isPasswordReused(password: string, previousHashes: readonly string[]): Promise<boolean> {
  for (const h of previousHashes) {
    if (await verifyPassword(h, password)) return true;
  }
  return false;
}

function toTime(d: Date | string | number): number {
  return (d instanceof Date ? d : new Date(d)).getTime();
}

/** When a password changed at `changedAt` expires under `policy`, or null if expiry is disabled. */
export function passwordExpiresAt(changedAt: Date | string | number, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): Date | null {
  if (!(policy.maxAgeDays > 0)) return null;
  const t = toTime(changedAt);
  if (Number.isNaN(t)) return new Date(0); // unknown change date: treat as long expired (fail closed)
  return new Date(t + policy.maxAgeDays * DAY_MS);
}

/**
 * True when the password must be changed now. Expiry is at `changedAt + maxAgeDays` exactly (the boundary
 * instant counts as expired). An invalid `changedAt` counts as expired; `maxAgeDays <= 0` never expires.
 */
export function isPasswordExpired(
  changedAt: Date | string | number,
  now: Date | string | number,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): boolean {
  const expires = passwordExpiresAt(changedAt, policy);
  if (expires === null) return false;
  const n = toTime(now);
  return Number.isNaN(n) || n >= expires.getTime();
}
