import { Cron } from 'croner';

/**
 * When jobs run: schedule slots (read with croner; cron text is never parsed by hand here) and the retry
 * back-off. Pure: the caller passes the instant.
 */

/** The district's clock: schedules such as "09:00 every day" mean Shanghai time whatever the server's zone. */
export const JOB_TIMEZONE = 'Asia/Shanghai';

/** A cron pattern (5 fields, or 6 with seconds) read once; throws on a bad pattern. */
export function parseSchedule(pattern: string): Cron {
  return new Cron(pattern, { timezone: JOB_TIMEZONE, paused: true });
}

/**
 * The slot a scheduler pass at `now` should claim: the latest scheduled instant at or before `now`, if it
 * is no older than `catchUpMs` (a server that was down at 02:00 and starts at 02:30 still runs the 02:00
 * slot once; one that starts a day later does not run a stale slot). Null when there is none.
 */
export function dueSlot(schedule: Cron, now: Date, catchUpMs: number): Date | null {
  // previousRuns excludes an instant equal to the reference; look from 1 ms later so an exact hit counts.
  const [latest] = schedule.previousRuns(1, new Date(now.getTime() + 1));
  if (!latest) return null;
  return now.getTime() - latest.getTime() <= catchUpMs ? latest : null;
}

/** The next scheduled instant after `now`, for the operations page. */
export function nextSlot(schedule: Cron, now: Date): Date | null {
  return schedule.nextRun(now);
}

export function slotKeyOf(slot: Date): string {
  return `cron:${slot.toISOString()}`;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles for each later one. */
  backoffMs: number;
  /** Upper bound of the delay. */
  maxBackoffMs: number;
}

/** When attempt `failedAttempt + 1` may start after `failedAttempt` failed at `failedAt`, or null if none is left. */
export function retryAt(policy: RetryPolicy, failedAttempt: number, failedAt: Date): Date | null {
  if (failedAttempt >= policy.maxAttempts) return null;
  const delay = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (failedAttempt - 1));
  return new Date(failedAt.getTime() + delay);
}
