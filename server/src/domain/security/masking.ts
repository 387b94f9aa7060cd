/**
 * Masking of secrets and personal data before anything is written to the audit log or an application log.
 *
 * `maskSensitive` returns a deep copy in which
 *  - the value of every sensitive key (passwords, secrets, tokens, recovery codes, MFA codes, credentials...)
 *    is replaced by `'***'` — whole sub-trees included, so `recoveryCodes: [...]` becomes `'***'`;
 *  - mainland mobile numbers inside any string are partially masked: 13812345678 → 138****5678;
 *  - the 统一社会信用代码 (USCC) is left alone: it is public registration data, and auditors need it.
 * It is pure (the input is not modified) and never throws: cycles become '[Circular]' (tracked with a
 * WeakSet of the objects on the current path), very deep nesting '[MaxDepth]', anything beyond 50 000 objects
 * '[Truncated]', unreadable properties '[Unreadable]'.
 */

export const MASK = '***';
const MAX_DEPTH = 64;
/** Upper bound on objects visited, so a huge or heavily shared (DAG) structure cannot stall the caller. */
const MAX_NODES = 50_000;

const normalizeKey = (key: string) => key.toLowerCase().replace(/[\s_\-.]/g, '');

/** Keys that are always masked (compared after lower-casing and removing `_ - .` and spaces). */
const SENSITIVE_KEYS = new Set(
  [
    'password',
    'newPassword',
    'currentPassword',
    'oldPassword',
    'confirmPassword',
    'passwordConfirmation',
    'temporaryPassword',
    'passwordHash',
    'passwd',
    'pwd',
    'passphrase',
    'secret',
    'totpSecret',
    'mfaSecret',
    'clientSecret',
    'token',
    'csrfToken',
    'sessionToken',
    'accessToken',
    'refreshToken',
    'idToken',
    'resetToken',
    'tokenHash',
    'sessionId',
    'recoveryCode',
    'recoveryCodes',
    'recoveryCodeHashes',
    'mfaCode',
    'totpCode',
    'otp',
    'otpCode',
    'smsCode',
    'verifyCode',
    'verificationCode',
    'authorization',
    'proxyAuthorization',
    'cookie',
    'setCookie',
    'apiKey',
    'privateKey',
    'secretKey',
    'accessKey',
    'credential',
    'credentials',
  ].map(normalizeKey),
);

/** Anything whose key mentions these is sensitive too, unless the key clearly names metadata (see below). */
const SENSITIVE_PATTERN = /password|passwd|passphrase|secret(?!ar)|token/i;

/**
 * Keys such as `passwordChangedAt`, `passwordMinLength`, `passwordPolicy`, `tokenExpiresAt` describe a secret
 * without containing it; auditors need them (e.g. the before/after of a password-policy change).
 */
const METADATA_LAST_WORDS = new Set([
  'at',
  'date',
  'time',
  'count',
  'days',
  'age',
  'policy',
  'rule',
  'rules',
  'expired',
  'expires',
  'expiry',
  'length',
  'classes',
  'min',
  'max',
  'required',
  'enabled',
  'changed',
  'type',
  'ttl',
  'version',
  'strength',
]);

/**
 * Last words that name metadata only when the value is a number: `passwordHistory: 5` is a setting (how many
 * old passwords to remember), `passwordHistory: ['$argon2id$...']` is secret.
 */
const NUMERIC_METADATA_LAST_WORDS = new Set(['history']);

/** Words that mark an object as part of a second-factor exchange, so its `code` is an MFA code. */
const MFA_WORDS = new Set(['mfa', 'totp', 'hotp', 'otp', '2fa', 'twofactor', 'recovery', 'authenticator', 'challenge']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function hasMfaHint(text: string): boolean {
  return normalizeKey(text).includes('twofactor') || words(text).some((w) => MFA_WORDS.has(w));
}

type Sensitivity = 'always' | 'pattern' | false;

function keySensitivity(key: string): Sensitivity {
  if (SENSITIVE_KEYS.has(normalizeKey(key))) return 'always';
  if (!SENSITIVE_PATTERN.test(key)) return false;
  const last = words(key).at(-1);
  if (last !== undefined && METADATA_LAST_WORDS.has(last) && !SENSITIVE_PATTERN.test(last)) return false;
  return 'pattern';
}

/**
 * True when the value under this key is always masked (an MFA `code` is additionally masked by context;
 * see `maskSensitive`).
 */
export function isSensitiveKey(key: string): boolean {
  return keySensitivity(key) !== false;
}

// 11-digit mainland mobile number, optionally +86/86 and separators, not part of a longer letter/digit run
// (so an 18-character USCC, an ID number or a bank account number is never touched).
const MOBILE = /(?<![0-9A-Za-z])((?:\+?86[\s-]?)?)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9A-Za-z])/g;

/** Replaces the middle four digits of every mainland mobile number in the text: 13812345678 → 138****5678. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(MOBILE, (_m, prefix: string, head: string, _mid: string, tail: string) => `${prefix}${head}****${tail}`);
}

function isPhoneKey(key: string): boolean {
  const ws = words(key);
  const last = ws.at(-1);
  return (
    /手机|电话/.test(key) ||
    (last !== undefined && ['phone', 'mobile', 'tel', 'telephone', 'cellphone', 'phoneno', 'phonenumber'].includes(last)) ||
    (ws.length >= 2 && ws.at(-2) === 'phone' && ['no', 'num', 'number'].includes(last!))
  );
}

export type MaskOptions = {
  /** The value is an MFA request/response: mask `code` wherever it appears. */
  mfa?: boolean;
  /** Further keys to mask (compared like the built-in list). */
  extraKeys?: readonly string[];
};

/** Deep copy of `value` with secrets replaced by '***' and mobile numbers partially masked. Never throws. */
export function maskSensitive<T>(value: T, options: MaskOptions = {}): T {
  const extra = new Set((options.extraKeys ?? []).map(normalizeKey));
  const onPath = new WeakSet<object>();
  let nodes = 0;

  const maskUnderKey = (key: string, v: unknown, mfaContext: boolean, depth: number): unknown => {
    const sensitivity = extra.has(normalizeKey(key)) ? 'always' : keySensitivity(key);
    const isMfaCode = mfaContext && ['code', 'codes'].includes(normalizeKey(key));
    if (sensitivity !== false || isMfaCode) {
      if (v === null || v === undefined) return v; // "not set" is not a secret, and auditors need to see it
      if (sensitivity === 'pattern' && typeof v === 'boolean') return v; // e.g. mustChangePassword: true
      if (sensitivity === 'pattern' && typeof v === 'number' && NUMERIC_METADATA_LAST_WORDS.has(words(key).at(-1) ?? '')) return v;
      return MASK;
    }
    if (typeof v === 'number' && isPhoneKey(key)) {
      const masked = maskPhoneNumbers(String(v));
      return masked === String(v) ? v : masked;
    }
    return walk(v, mfaContext || hasMfaHint(key), depth + 1);
  };

  const walk = (v: unknown, mfaContext: boolean, depth: number): unknown => {
    if (typeof v === 'string') return maskPhoneNumbers(v);
    if (typeof v === 'function') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_DEPTH) return '[MaxDepth]';
    if (onPath.has(v)) return '[Circular]';
    if (++nodes > MAX_NODES) return '[Truncated]';
    onPath.add(v);
    try {
      if (v instanceof Date) return new Date(v.getTime());
      if (v instanceof RegExp) return String(v);
      if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[binary ${v.byteLength} bytes]`;
      if (Array.isArray(v)) return v.map((item) => walk(item, mfaContext, depth + 1));
      if (v instanceof Map) {
        const out = new Map<unknown, unknown>();
        const keys = [...v.keys()].filter((k): k is string => typeof k === 'string');
        const ctx = mfaContext || keys.some(hasMfaHint) || siblingSaysMfa((k) => v.get(k), keys);
        for (const [k, item] of v) out.set(k, typeof k === 'string' ? maskUnderKey(k, item, ctx, depth) : walk(item, ctx, depth + 1));
        return out;
      }
      if (v instanceof Set) return new Set([...v].map((item) => walk(item, mfaContext, depth + 1)));
      const out: Record<string, unknown> = {};
      const keys = Object.keys(v);
      if (v instanceof Error) keys.unshift(...['name', 'message'].filter((k) => !keys.includes(k)));
      const cache = new Map<string, unknown>();
      const read = (k: string): unknown => {
        if (cache.has(k)) return cache.get(k);
        let item: unknown;
        try {
          item = (v as Record<string, unknown>)[k];
        } catch {
          item = '[Unreadable]';
        }
        cache.set(k, item);
        return item;
      };
      const ctx = mfaContext || keys.some(hasMfaHint) || siblingSaysMfa(read, keys);
      for (const k of keys) {
        const item = read(k);
        const masked = maskUnderKey(k, item, ctx, depth);
        // An own property even for a key named __proto__ (JSON.parse makes one): assigning it would replace the
        // copy's prototype instead. Functions are dropped.
        if (masked !== undefined || item === undefined) Object.defineProperty(out, k, { value: masked, enumerable: true, writable: true, configurable: true });
      }
      return out;
    } catch {
      return '[Unreadable]';
    } finally {
      onPath.delete(v);
    }
  };

  try {
    return walk(value, options.mfa === true, 0) as T;
  } catch {
    return '[Unreadable]' as T;
  }
}

/** `{ method: 'totp', code: '...' }`: a sibling naming the factor marks `code` as an MFA code. */
function siblingSaysMfa(read: (k: string) => unknown, keys: readonly string[]): boolean {
  for (const k of keys) {
    if (!['method', 'type', 'factor', 'kind', 'channel'].includes(normalizeKey(k))) continue;
    const v = read(k);
    if (typeof v === 'string' && hasMfaHint(v)) return true;
  }
  return false;
}
