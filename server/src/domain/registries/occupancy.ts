/**
 * Carrier occupancy (出租率, SPEC §3/§5): the leased area of the occupants present on a day over the leasable
 * area (the total area when no leasable area is recorded). An occupant is present from its move-in date
 * (inclusive) until its move-out date (exclusive).
 */
export interface Tenancy {
  moveInOn: string;
  moveOutOn: string | null;
  leasedArea: number;
}

export function isPresent(t: Tenancy, day: string): boolean {
  return t.moveInOn <= day && (t.moveOutOn === null || t.moveOutOn > day);
}

export function leasedAreaOn(tenancies: readonly Tenancy[], day: string): number {
  return tenancies.filter((t) => isPresent(t, day)).reduce((sum, t) => sum + t.leasedArea, 0);
}

/** 0…1 (above 1 when more is let than recorded as leasable: shown as is, it is a data problem); null without an area. */
export function occupancyRate(leasableArea: number | null, totalArea: number | null, tenancies: readonly Tenancy[], day: string): number | null {
  const base = leasableArea && leasableArea > 0 ? leasableArea : totalArea && totalArea > 0 ? totalArea : null;
  if (base === null) return null;
  return Math.round((leasedAreaOn(tenancies, day) / base) * 10_000) / 10_000;
}
