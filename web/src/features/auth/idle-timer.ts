/**
 * The idle-timeout warning, as a pure function of the clock (unit tested; the modal only renders it).
 *
 * The server ends a session `idleTimeoutSeconds` after the last request it saw, but records a request as
 * activity at most once a minute (auth.service.ts `resolve`, to keep reads cheap). After a request at time r
 * the server's idle clock therefore starts somewhere in [r − 60 s, r], and the session may end as early as
 * r + idle − 60 s. The warning counts down to that earliest end, so the session is never gone while the
 * modal still offers to keep it.
 */
export const SERVER_TOUCH_INTERVAL_SECONDS = 60;
export const WARN_BEFORE_SECONDS = 120;

export type IdlePhase =
  | { phase: 'active'; /** ms until the warning should show */ warnInMs: number }
  | { phase: 'warning'; secondsLeft: number }
  | { phase: 'expired' };

export function idlePhase(input: { now: number; lastContactAt: number; idleTimeoutSeconds: number }): IdlePhase {
  const usableMs = Math.max(0, input.idleTimeoutSeconds - SERVER_TOUCH_INTERVAL_SECONDS) * 1000;
  const deadline = input.lastContactAt + usableMs;
  // Short timeouts (a test setting) still get a warning: at most half of the usable time.
  const leadMs = Math.min(WARN_BEFORE_SECONDS * 1000, usableMs / 2);
  const left = deadline - input.now;
  if (left <= 0) return { phase: 'expired' };
  if (left <= leadMs) return { phase: 'warning', secondsLeft: Math.ceil(left / 1000) };
  return { phase: 'active', warnInMs: left - leadMs };
}

/** 1:45 — the countdown as the modal shows it. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
