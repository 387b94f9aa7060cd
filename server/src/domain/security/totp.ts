/**
 * Time-based one-time passwords (RFC 6238) for the second factor, via `otpauth`.
 * Fixed profile understood by every authenticator app: HMAC-SHA1, 6 digits, 30-second steps.
 *
 * Verification accepts the current step and one step either side (clock drift of up to ±30 s) and rejects any
 * step at or before the last step already accepted for the user, so an observed code cannot be replayed
 * (RFC 6238 §5.2). The caller stores the returned `step` as the user's new `lastUsedStep` in the same
 * transaction that completes the login.
 */
import { randomBytes } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { timingSafeEqualString } from './tokens.ts';

export const TOTP_ISSUER = '金山生物制造平台';
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Accepted steps either side of the current one. */
export const TOTP_WINDOW = 1;
/** Secret length in bytes (160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226 §4). */
export const TOTP_SECRET_BYTES = 20;

/** A new random shared secret, base32 (RFC 4648, no padding): 20 bytes → 32 characters. */
export function generateTotpSecret(): string {
  const bytes = randomBytes(TOTP_SECRET_BYTES);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }).base32;
}

function parseSecret(secret: string): Secret {
  const cleaned = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(cleaned)) throw new Error('TOTP secret is not valid base32');
  return Secret.fromBase32(cleaned);
}

/**
 * The `otpauth://totp/...` key URI (Google Authenticator key-URI format) that the enrolment QR code encodes.
 * Issuer and account name are percent-encoded; the issuer appears both as label prefix and as parameter.
 */
export function buildOtpauthUri({
  secret,
  accountName,
  issuer = TOTP_ISSUER,
}: {
  secret: string;
  accountName: string;
  issuer?: string;
}): string {
  return new TOTP({
    issuer,
    label: accountName,
    secret: parseSecret(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/**
 * Renders the key URI as an SVG QR code string, entirely in-process (the closed network has no access to
 * external QR services, and the secret must not leave the server anyway).
 */
export async function renderQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

function toMillis(now: Date | number): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid time');
  return ms;
}

/** The RFC 6238 time step (T) containing `now`. */
export function totpStepAt(now: Date | number): number {
  return Math.floor(toMillis(now) / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The code for `secret` at `now` (or at an explicit `step`). `digits` defaults to 6; 8 is used by the RFC test
 * vectors. Meant for tests and tooling; production code only verifies.
 */
export function generateTotpCode({
  secret,
  now,
  step,
  digits = TOTP_DIGITS,
}: {
  secret: string;
  now?: Date | number;
  step?: number;
  digits?: number;
}): string {
  const counter = step ?? totpStepAt(now ?? Date.now());
  return HOTP.generate({ secret: parseSecret(secret), algorithm: TOTP_ALGORITHM, digits, counter });
}

export type TotpVerifyResult = { ok: true; step: number } | { ok: false };

/**
 * Checks a user-typed code. Spaces and hyphens in the code are ignored ("123 456"). Returns the matched step on
 * success. Rejects: wrong format, codes outside the ±1-step window, and any step ≤ `lastUsedStep` (replay).
 * Throws only if the stored `secret` itself is not valid base32 (a data error, not a user error).
 */
export function verifyTotp({
  secret,
  code,
  now,
  lastUsedStep,
}: {
  secret: string;
  code: string;
  now: Date | number;
  lastUsedStep?: number | null;
}): TotpVerifyResult {
  const key = parseSecret(secret);
  const current = totpStepAt(now);
  const typed = typeof code === 'string' ? code.replace(/[\s-]/g, '') : '';
  const wellFormed = new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(typed);
  let matched: number | null = null;
  // Every candidate step is computed and compared, whatever the input, so timing does not depend on which
  // step (if any) matched. If two steps happened to share a code, the later one wins (burns more steps).
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (step < 0) continue;
    const expected = HOTP.generate({ secret: key, algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, counter: step });
    const equal = timingSafeEqualString(expected, typed);
    const fresh = lastUsedStep == null || step > lastUsedStep;
    if (equal && fresh && wellFormed) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}
