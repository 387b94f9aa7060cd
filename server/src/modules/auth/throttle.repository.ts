import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { authThrottle } from '../../db/schema/index.ts';

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
/**
 * Second-factor failures are counted apart from password failures: a correct password clears the password
 * counter, and if both shared one, "password + a few wrong codes" repeated would never lock the account.
 * This counter is cleared only by a successful second factor (or an administrator's unlock).
 */
export const mfaKey = (username: string) => `mfa:${username.trim().toLowerCase()}`;
/** Every counter that locks an account (not the client address). */
export const accountLockKeys = (username: string) => [accountKey(username), mfaKey(username)];

/** The latest lock expiry among the keys, or null when none is locked at `now`. */
export async function lockedUntil(db: Db, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
  const active = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return active.length ? new Date(Math.max(...active.map((d) => d.getTime()))) : null;
}

/**
 * Counts a failure against a key; when the count reaches the threshold the key is locked for `minutes` and
 * the counter starts again. Failures older than the lock window no longer count (a slow trickle of typos
 * over days must not lock an account).
 */
export async function recordFailure(db: Db, key: string, threshold: number, minutes: number, now: Date): Promise<{ locked: boolean }> {
  const windowStart = new Date(now.getTime() - minutes * 60_000);
  const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, key));
  const stale = !row || !row.firstFailureAt || row.firstFailureAt < windowStart;
  const failures = (stale ? 0 : row!.failures) + 1;
  const locked = failures >= threshold;
  const values = {
    failures: locked ? 0 : failures,
    firstFailureAt: locked ? null : stale ? now : row!.firstFailureAt,
    lockedUntil: locked ? new Date(now.getTime() + minutes * 60_000) : (row?.lockedUntil ?? null),
  };
  await db.insert(authThrottle).values({ key, ...values }).onConflictDoUpdate({ target: authThrottle.key, set: values });
  return { locked };
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
