import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPresent, leasedAreaOn, occupancyRate } from './occupancy.ts';

describe('carrier occupancy', () => {
  const tenants = [
    { moveInOn: '2022-01-01', moveOutOn: null, leasedArea: 300 },
    { moveInOn: '2023-06-01', moveOutOn: '2024-06-01', leasedArea: 200 },
    { moveInOn: '2025-01-01', moveOutOn: null, leasedArea: 100 },
  ];

  it('counts occupants present on the day: move-in inclusive, move-out exclusive', () => {
    expect(leasedAreaOn(tenants, '2024-05-31')).toBe(500);
    expect(leasedAreaOn(tenants, '2024-06-01')).toBe(300);
    expect(leasedAreaOn(tenants, '2025-01-01')).toBe(400);
  });

  it('divides by the leasable area, falling back to the total area', () => {
    expect(occupancyRate(1000, 2000, tenants, '2024-05-31')).toBe(0.5);
    expect(occupancyRate(null, 2000, tenants, '2024-05-31')).toBe(0.25);
    expect(occupancyRate(null, null, tenants, '2024-05-31')).toBeNull();
  });

  it('matches an independent sum for random tenancies (property)', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.record({ moveInOn: day, moveOutOn: fc.option(day), leasedArea: fc.integer({ min: 0, max: 5000 }) })), day, (list, on) => {
        let expected = 0;
        for (const t of list) if (t.moveInOn <= on && !(t.moveOutOn !== null && t.moveOutOn <= on)) expected += t.leasedArea;
        return leasedAreaOn(list, on) === expected && list.every((t) => isPresent(t, on) === (t.moveInOn <= on && (t.moveOutOn ?? '9999') > on));
      }),
    );
  });
});
