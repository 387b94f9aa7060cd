import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_RULES, fromFen, isCharged, isLateCancel, offerExpiry, sumYuan, suspensionOf, toFen, type Strike } from './booking-rules.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const rules = { ...DEFAULT_BOOKING_RULES, noShowLimit: 3, windowDays: 90, suspensionDays: 30, lateCancelsPerNoShow: 2 };

describe('late cancellation', () => {
  it('is late strictly inside the limit', () => {
    const start = new Date('2026-07-02T01:00:00Z');
    expect(isLateCancel(start, new Date(start.getTime() - 24 * 3_600_000), rules)).toBe(false);
    expect(isLateCancel(start, new Date(start.getTime() - 24 * 3_600_000 + 1), rules)).toBe(true);
  });
});

describe('suspension after k no-shows', () => {
  it('two no-shows do not suspend; the third does, for suspensionDays from the third', () => {
    const two: Strike[] = [{ kind: 'no-show', at: daysAgo(20) }, { kind: 'no-show', at: daysAgo(10) }];
    expect(suspensionOf(two, rules, now)).toEqual({ strikes: 2, noShows: 2, lateCancels: 0, suspendedUntil: null });
    const three: Strike[] = [...two, { kind: 'no-show', at: daysAgo(5) }];
    expect(suspensionOf(three, rules, now).suspendedUntil).toEqual(new Date(daysAgo(5).getTime() + 30 * DAY));
  });
  it('two late cancellations weigh as one no-show; none when the weight is 0', () => {
    const s: Strike[] = [{ kind: 'no-show', at: daysAgo(30) }, { kind: 'no-show', at: daysAgo(20) }, { kind: 'late-cancel', at: daysAgo(9) }, { kind: 'late-cancel', at: daysAgo(3) }];
    expect(suspensionOf(s, rules, now).suspendedUntil).toEqual(new Date(daysAgo(3).getTime() + 30 * DAY));
    expect(suspensionOf(s, { ...rules, lateCancelsPerNoShow: 0 }, now).suspendedUntil).toBeNull();
  });
  it('strikes outside the window and a served suspension no longer count', () => {
    expect(suspensionOf([{ kind: 'no-show', at: daysAgo(120) }, { kind: 'no-show', at: daysAgo(100) }, { kind: 'no-show', at: daysAgo(2) }], rules, now).suspendedUntil).toBeNull();
    // suspended 80 days ago for 30 days: served; one new no-show does not suspend again
    const served: Strike[] = [{ kind: 'no-show', at: daysAgo(85) }, { kind: 'no-show', at: daysAgo(82) }, { kind: 'no-show', at: daysAgo(80) }, { kind: 'no-show', at: daysAgo(1) }];
    expect(suspensionOf(served, rules, now).suspendedUntil).toBeNull();
  });
  it('property: never suspended with fewer weighted strikes in the window than the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom('no-show' as const, 'late-cancel' as const), ago: fc.integer({ min: 0, max: 200 }) }), { maxLength: 12 }), (raw) => {
        const strikes = raw.map((r) => ({ kind: r.kind, at: daysAgo(r.ago) }));
        const result = suspensionOf(strikes, rules, now);
        if (result.strikes < rules.noShowLimit) expect(result.suspendedUntil).toBeNull();
        if (result.suspendedUntil) expect(result.suspendedUntil.getTime()).toBeGreaterThan(now.getTime());
      }),
    );
  });
});

describe('offers and money', () => {
  it('an offer runs offerHours but never past the slot start', () => {
    expect(offerExpiry(now, new Date(now.getTime() + DAY), { offerHours: 4 })).toEqual(new Date(now.getTime() + 4 * 3_600_000));
    expect(offerExpiry(now, new Date(now.getTime() + 3_600_000), { offerHours: 4 })).toEqual(new Date(now.getTime() + 3_600_000));
  });
  it('sums yuan exactly where floats would drift', () => {
    expect(sumYuan(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00');
    expect(0.1 * 3 === 0.3).toBe(false);
    expect(sumYuan(['150.05', '0.10', '0.20'])).toBe('150.35');
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (fen) => {
      expect(toFen(fromFen(fen))).toBe(fen);
    }));
  });
  it('charges completed bookings, and no-shows only where the platform says so', () => {
    expect(isCharged('completed', { chargeNoShow: false })).toBe(true);
    expect(isCharged('no-show', { chargeNoShow: true })).toBe(true);
    expect(isCharged('no-show', { chargeNoShow: false })).toBe(false);
    expect(isCharged('cancelled', { chargeNoShow: true })).toBe(false);
  });
});
