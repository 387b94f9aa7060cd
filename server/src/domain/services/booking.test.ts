import { describe, expect, it } from 'vitest';
import { bookingAmount, slotProblem, utilisationOf } from './booking.ts';

const sh = (local: string) => new Date(`${local}+08:00`);
const hours = { opensAt: '08:00:00', closesAt: '20:00:00' };
const now = sh('2026-12-07T09:10:00');

describe('booking slots', () => {
  it('accepts whole half-hour slots inside open hours, in the future', () => {
    expect(slotProblem(sh('2026-12-08T08:00:00'), sh('2026-12-08T10:30:00'), now, hours)).toBeNull();
    expect(slotProblem(sh('2026-12-08T18:00:00'), sh('2026-12-08T20:00:00'), now, hours)).toBeNull();
  });
  it('names what is wrong with a slot', () => {
    expect(slotProblem(sh('2026-12-08T10:00:00'), sh('2026-12-08T10:00:00'), now, hours)).toBe('order');
    expect(slotProblem(sh('2026-12-08T10:15:00'), sh('2026-12-08T11:00:00'), now, hours)).toBe('granularity');
    expect(slotProblem(sh('2026-12-07T09:00:00'), sh('2026-12-07T10:00:00'), now, hours)).toBe('past');
    expect(slotProblem(sh('2026-12-08T07:30:00'), sh('2026-12-08T09:00:00'), now, hours)).toBe('outside-hours');
    expect(slotProblem(sh('2026-12-08T19:00:00'), sh('2026-12-08T20:30:00'), now, hours)).toBe('outside-hours');
    expect(slotProblem(sh('2026-12-08T19:00:00'), sh('2026-12-09T09:00:00'), now, hours)).toBe('too-long');
  });
});

describe('price locked at booking time, in exact decimals', () => {
  it('multiplies the hourly price by the booked time without floats', () => {
    expect(bookingAmount('300.00', 150)).toBe('750.00');
    expect(bookingAmount('0.10', 30)).toBe('0.05');
    expect(bookingAmount('0.01', 30)).toBe('0.01'); // half a fen rounds up
    expect(bookingAmount('1234567.89', 60)).toBe('1234567.89');
    expect(bookingAmount('99.99', 90)).toBe('149.99'); // 149.985 → 149.99
  });
});

describe('utilisation', () => {
  it('counts approved and completed as booked, completed as used, and the in-district share', () => {
    const u = utilisationOf({
      openMinutesPerDay: 600,
      days: 30,
      bookings: [
        { minutes: 120, status: 'completed', category: 'in-district' },
        { minutes: 60, status: 'approved', category: 'outside' },
        { minutes: 600, status: 'declined', category: 'in-district' },
        { minutes: 60, status: 'requested', category: 'in-district' },
      ],
    });
    expect(u).toEqual({ availableHours: 300, bookedHours: 3, usedHours: 2, utilisation: 180 / 18000, inDistrictShare: 120 / 180 });
  });
});
