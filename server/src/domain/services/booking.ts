/**
 * Booking rules of the shared instruments (issue 14 §1) that need no database: the slot's shape, open hours,
 * the price locked at booking time, and utilisation. The no-double-booking guarantee is NOT here: it is the
 * database's exclusion constraint (0023), which holds under concurrency where a check in code cannot.
 */
const OFFSET_MS = 8 * 3600_000;
export const SLOT_MINUTES = 30;
export const MAX_BOOKING_HOURS = 12;

export type UserCategory = 'in-district' | 'outside' | 'academic';

export interface InstrumentPricing {
  priceInDistrict: string;
  priceOutside: string;
  priceAcademic: string;
  /** HH:MM[:SS] Shanghai local */
  opensAt: string;
  closesAt: string;
}

export type SlotProblem = 'order' | 'granularity' | 'too-long' | 'past' | 'outside-hours';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Why a requested slot is not bookable (null when it is). */
export function slotProblem(start: Date, end: Date, now: Date, instrument: Pick<InstrumentPricing, 'opensAt' | 'closesAt'>): SlotProblem | null {
  const ms = end.getTime() - start.getTime();
  if (!(ms > 0)) return 'order';
  if (start.getTime() % (SLOT_MINUTES * 60_000) !== 0 || ms % (SLOT_MINUTES * 60_000) !== 0) return 'granularity';
  if (ms > MAX_BOOKING_HOURS * 3600_000) return 'too-long';
  if (start.getTime() < now.getTime()) return 'past';
  const localStart = new Date(start.getTime() + OFFSET_MS);
  const localEnd = new Date(end.getTime() + OFFSET_MS);
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const startMin = localStart.getUTCHours() * 60 + localStart.getUTCMinutes();
  const endMin = localEnd.getUTCHours() * 60 + localEnd.getUTCMinutes();
  const sameDay = dayOf(localStart) === dayOf(localEnd);
  if (!sameDay || startMin < minutesOf(instrument.opensAt) || endMin > minutesOf(instrument.closesAt)) return 'outside-hours';
  return null;
}

export function pricePerHour(instrument: InstrumentPricing, category: UserCategory): string {
  return category === 'in-district' ? instrument.priceInDistrict : category === 'outside' ? instrument.priceOutside : instrument.priceAcademic;
}

/** hours × price in exact decimals (fen), as a string with two decimals: money never passes through a float. */
export function bookingAmount(pricePerHourYuan: string, minutes: number): string {
  const [whole, frac = ''] = pricePerHourYuan.split('.');
  const fen = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  // minutes are whole multiples of 30, so fen × minutes / 60 is exact to the half fen; round half up
  const scaled = fen * BigInt(minutes);
  const total = (scaled * 2n + 60n) / 120n;
  return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
}

export interface UtilisationInput {
  /** Shanghai open minutes per day of the instrument. */
  openMinutesPerDay: number;
  days: number;
  bookings: { minutes: number; status: string; category: UserCategory }[];
}

export interface Utilisation {
  availableHours: number;
  bookedHours: number;
  usedHours: number;
  utilisation: number | null;
  inDistrictShare: number | null;
}

/** Booked = approved or completed; used = completed; in-district share of the booked hours. */
export function utilisationOf(input: UtilisationInput): Utilisation {
  const booked = input.bookings.filter((b) => b.status === 'approved' || b.status === 'completed');
  const bookedMin = booked.reduce((s, b) => s + b.minutes, 0);
  const usedMin = booked.filter((b) => b.status === 'completed').reduce((s, b) => s + b.minutes, 0);
  const inDistrictMin = booked.filter((b) => b.category === 'in-district').reduce((s, b) => s + b.minutes, 0);
  const availableMin = input.openMinutesPerDay * input.days;
  return {
    availableHours: availableMin / 60,
    bookedHours: bookedMin / 60,
    usedHours: usedMin / 60,
    utilisation: availableMin > 0 ? bookedMin / availableMin : null,
    inDistrictShare: bookedMin > 0 ? inDistrictMin / bookedMin : null,
  };
}
