/**
 * Cancellation, no-show and statement rules of the shared instruments (issue 14 §1), with no I/O. The rules
 * are per platform (instrument_booking_rules); a platform without its own row uses DEFAULT_BOOKING_RULES.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface BookingRules {
  /** A cancellation less than this many hours before the start is late. */
  lateCancelHours: number;
  /** How many late cancellations weigh as one no-show (0: they do not count). */
  lateCancelsPerNoShow: number;
  /** Strikes within the window that suspend booking. */
  noShowLimit: number;
  windowDays: number;
  suspensionDays: number;
  /** How long a waitlist offer holds the freed slot. */
  offerHours: number;
  chargeNoShow: boolean;
}

export const DEFAULT_BOOKING_RULES: BookingRules = {
  lateCancelHours: 24,
  lateCancelsPerNoShow: 2,
  noShowLimit: 3,
  windowDays: 90,
  suspensionDays: 30,
  offerHours: 4,
  chargeNoShow: true,
};

export function isLateCancel(start: Date, cancelledAt: Date, rules: Pick<BookingRules, 'lateCancelHours'>): boolean {
  return start.getTime() - cancelledAt.getTime() < rules.lateCancelHours * HOUR_MS;
}

export interface Strike {
  kind: 'no-show' | 'late-cancel';
  /** When it happened: the booking's start for a no-show, the cancellation instant for a late cancellation. */
  at: Date;
}

export interface Suspension {
  /** Weighted strikes within the window (no-shows + late cancellations ÷ their weight, rounded down). */
  strikes: number;
  noShows: number;
  lateCancels: number;
  /** Booking is refused until this instant (null: not suspended). */
  suspendedUntil: Date | null;
}

/**
 * Whether an enterprise may book on a platform at `now`: count its no-shows and late cancellations of the last
 * `windowDays`; when the weighted count reaches `noShowLimit`, booking is suspended for `suspensionDays` from
 * the strike that reached the limit. A suspension that has run out no longer applies, even if the strikes are
 * still within the window — the enterprise served its time; a new strike suspends it again.
 */
export function suspensionOf(strikes: readonly Strike[], rules: BookingRules, now: Date): Suspension {
  const since = now.getTime() - rules.windowDays * DAY_MS;
  const recent = strikes.filter((s) => s.at.getTime() >= since && s.at.getTime() <= now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
  let noShows = 0;
  let lateCancels = 0;
  let suspendedUntil: Date | null = null;
  let servedUntil = -Infinity;
  let counted = { noShows: 0, lateCancels: 0 };
  for (const s of recent) {
    if (s.kind === 'no-show') noShows++;
    else lateCancels++;
    // strikes before the end of a served suspension do not count towards the next one
    if (s.at.getTime() < servedUntil) continue;
    if (s.kind === 'no-show') counted.noShows++;
    else counted.lateCancels++;
    if (weighted(counted.noShows, counted.lateCancels, rules) >= rules.noShowLimit) {
      const until = s.at.getTime() + rules.suspensionDays * DAY_MS;
      servedUntil = until;
      counted = { noShows: 0, lateCancels: 0 };
      suspendedUntil = until > now.getTime() ? new Date(until) : null;
    }
  }
  return { strikes: weighted(noShows, lateCancels, rules), noShows, lateCancels, suspendedUntil };
}

function weighted(noShows: number, lateCancels: number, rules: BookingRules): number {
  return noShows + (rules.lateCancelsPerNoShow > 0 ? Math.floor(lateCancels / rules.lateCancelsPerNoShow) : 0);
}

/** Until when a waitlist offer holds the slot: `offerHours` from now, but never past the slot's start. */
export function offerExpiry(now: Date, slotStart: Date, rules: Pick<BookingRules, 'offerHours'>): Date {
  return new Date(Math.min(now.getTime() + rules.offerHours * HOUR_MS, slotStart.getTime()));
}

/** Exact decimal yuan (two places) to fen, and back: statement totals never pass through a float. */
export function toFen(yuan: string): bigint {
  const negative = yuan.startsWith('-');
  const [whole, frac = ''] = (negative ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -fen : fen;
}
export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
export function sumYuan(amounts: readonly string[]): string {
  return fromFen(amounts.reduce((s, a) => s + toFen(a), 0n));
}

/** Which bookings a monthly statement charges: used (completed) ones, and no-shows where the platform charges them. */
export function isCharged(status: string, rules: Pick<BookingRules, 'chargeNoShow'>): boolean {
  return status === 'completed' || (status === 'no-show' && rules.chargeNoShow);
}
