/**
 * Carriers (孵化器 / 加速器 / 产业园 / 公共平台): which firms sit where, and the occupancy story. Two carriers
 * are deliberately under-let (below the 60% warning line of SPEC §5) so that the occupancy warning fires.
 */
import { carriers, type Carrier, type CarrierType } from '../../seed/reference/index.ts';
import { isoDate, parseIsoDate } from './calendar.ts';
import type { EnterpriseModel, ResolvedOptions } from './model.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoCarrierOccupancy, DemoCarrierOccupant, DemoEnterprise, EnterpriseStage } from './types.ts';

/** Where a firm of each stage looks for space, in order of preference. */
const PREFERENCE: Record<EnterpriseStage, readonly CarrierType[]> = {
  incubating: ['incubator', 'public-platform', 'accelerator'],
  accelerating: ['accelerator', 'incubator', 'industrial-park'],
  industrialized: ['industrial-park', 'accelerator'],
};

/** The under-let carriers of the story and their target occupancy on `today`. */
const UNDER_LET: Readonly<Record<string, number>> = { 'donghu-innovation-center': 0.52, 'carbon-valley-incubator': 0.57 };
/** Share of the gross floor area that can be let (corridors, plant rooms and shared labs are not). */
const LEASABLE_SHARE = 0.8;

const AREA_WEIGHT: Record<EnterpriseStage, [number, number]> = {
  incubating: [150, 1_200],
  accelerating: [1_500, 6_000],
  industrialized: [8_000, 60_000],
};

export function assignCarrier(rng: Rng, e: DemoEnterprise): string | null {
  // Half of the big industrial firms build on their own land rather than rent.
  if (e.stage === 'industrialized' && (e.sizeTier === 'leader' || e.sizeTier === 'large') && rng.chance(0.5)) return null;
  const inZone = carriers.filter((c) => c.zoneCode === e.zoneCode);
  // The first two kinds of space the zone offers are both considered (a start-up may rent at 市公卫中心 as well
  // as in an incubator), the first more often.
  const offered = PREFERENCE[e.stage].filter((type) => inZone.some((c) => c.type === type)).slice(0, 2);
  if (offered.length === 0) return null;
  const type = offered.length === 2 && rng.chance(0.3) ? offered[1]! : offered[0]!;
  return rng.pick(inZone.filter((c) => c.type === type)).code;
}

interface Tenancy {
  enterpriseId: string;
  moveInDay: number;
  moveOutDay: number | null;
  weight: number;
}

/**
 * Occupants of every carrier. A tenant moves in when it was founded or the carrier opened (whichever is later)
 * and out when it exits. Leased areas are drawn by stage and then scaled so that each carrier's occupancy on
 * `today` equals its target (70–95%, or the under-let targets above): plausible at any enterprise count.
 */
export function buildCarrierOccupancy(models: readonly EnterpriseModel[], opts: ResolvedOptions): DemoCarrierOccupancy[] {
  const rng = createRng(opts.seed, 'carriers');
  const byCarrier = new Map<string, Tenancy[]>(carriers.map((c) => [c.code, []]));
  for (const m of models) {
    const e = m.enterprise;
    if (!e.carrierCode) continue;
    const carrier = carriers.find((c) => c.code === e.carrierCode)!;
    const moveInDay = Math.max(parseIsoDate(e.foundedOn), parseIsoDate(carrier.openedOn));
    const moveOutDay = e.exitOn ? parseIsoDate(e.exitOn) : null;
    if (moveInDay > opts.todayDay || (moveOutDay !== null && moveOutDay <= moveInDay)) continue;
    byCarrier.get(carrier.code)!.push({ enterpriseId: e.id, moveInDay, moveOutDay, weight: rng.float(...AREA_WEIGHT[e.stage]) });
  }
  return carriers.map((carrier) => occupancyOf(carrier, byCarrier.get(carrier.code)!, rng, opts.todayDay));
}

function occupancyOf(carrier: Carrier, tenancies: Tenancy[], rng: Rng, todayDay: number): DemoCarrierOccupancy {
  const leasableAreaM2 = Math.round(carrier.totalAreaM2 * LEASABLE_SHARE);
  const target = UNDER_LET[carrier.code] ?? rng.float(0.7, 0.95);
  const present = (t: Tenancy) => t.moveInDay <= todayDay && (t.moveOutDay === null || t.moveOutDay > todayDay);
  const presentWeight = tenancies.filter(present).reduce((s, t) => s + t.weight, 0);
  const factor = presentWeight > 0 ? (target * leasableAreaM2) / presentWeight : 1;
  const occupants: DemoCarrierOccupant[] = tenancies.map((t) => ({
    enterpriseId: t.enterpriseId,
    moveInOn: isoDate(t.moveInDay),
    moveOutOn: t.moveOutDay === null ? null : isoDate(t.moveOutDay),
    // Whole square metres (the 100 000-firm benchmark crowds carriers, hence only a floor of 1).
    leasedAreaM2: Math.max(1, Math.round(t.weight * factor)),
  }));
  const leased = occupants.filter((o, i) => present(tenancies[i]!)).reduce((s, o) => s + o.leasedAreaM2, 0);
  return { carrierCode: carrier.code, leasableAreaM2, occupants, occupancyRate: Math.round((leased / leasableAreaM2) * 10_000) / 10_000 };
}
