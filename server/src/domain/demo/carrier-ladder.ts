/**
 * The demo's carrier ladder (issue 13 §4): from the occupancy the generator made (each firm in one carrier
 * from its founding), a plausible history of moves over the last years:
 * - graduations: a young firm now in an accelerator or industrial park started in an incubator (two steps
 *   for a park: incubator → accelerator → park); its present tenancy is unchanged, only its start moves
 *   later, so today's occupancy of every carrier stays what the generator calibrated;
 * - ways out: the tenancy of a firm that closed or moved away ends with that destination; a departed or
 *   closed firm without a carrier had spent its last years in an incubator, and some grown firms without a
 *   carrier started in one before building their own premises in the district;
 * - leases: every present tenancy has a lease of two, three or five years, signed within its first year and
 *   renewed since, so a few end within three months (the lease-expiry warning fires for them).
 * Pure: no I/O; the seeder applies the plan.
 */
import { addMonths } from '../carrier-ladder/ladder.ts';
import type { Rng } from './prng.ts';

export interface DemoTenancyIn {
  id: string;
  enterpriseId: string;
  carrierId: string;
  carrierType: string;
  zoneId: string | null;
  moveInOn: string;
  moveOutOn: string | null;
  leasedArea: number;
  foundedOn: string | null;
  status: string;
}
export interface DemoCarrierIn {
  id: string;
  type: string;
  zoneId: string | null;
  openedOn: string | null;
}
/** A demo firm without any tenancy. */
export interface DemoFirmIn {
  enterpriseId: string;
  zoneId: string | null;
  foundedOn: string | null;
  exitedOn: string | null;
  status: string;
  stage: string;
}
export interface LadderPlan {
  updates: { id: string; moveInOn?: string; exitKind?: string; leaseEndOn?: string }[];
  inserts: { enterpriseId: string; carrierId: string; moveInOn: string; moveOutOn: string; leasedArea: number; exitKind: string }[];
}

/** The first end after `today` of a lease of `termMonths` signed on `signedOn` and renewed since. */
export function currentLeaseEnd(signedOn: string, today: string, termMonths = 36): string {
  let k = 1;
  while (addMonths(signedOn, k * termMonths) <= today) k += 1;
  return addMonths(signedOn, k * termMonths);
}

function leaseEndOf(rng: Rng, moveInOn: string, today: string): string {
  return currentLeaseEnd(addMonths(moveInOn, rng.int(0, 11)), today, rng.pick([24, 36, 36, 60]));
}

function pickCarrier(rng: Rng, carriers: readonly DemoCarrierIn[], type: string, zoneId: string | null, from: string): DemoCarrierIn | null {
  const open = carriers.filter((c) => c.type === type && (c.openedOn === null || c.openedOn <= from));
  const near = open.filter((c) => c.zoneId === zoneId);
  const pool = near.length ? near : open;
  return pool.length ? rng.pick(pool) : null;
}

export function planDemoLadder(tenancies: readonly DemoTenancyIn[], carriers: readonly DemoCarrierIn[], firms: readonly DemoFirmIn[], today: string, rng: Rng): LadderPlan {
  const plan: LadderPlan = { updates: [], inserts: [] };
  const latestStep = addMonths(today, -2);
  for (const f of firms) {
    if (!f.foundedOn) continue;
    const gone = (f.status === 'closed' || f.status === 'moved-away') && f.exitedOn !== null;
    const grown = f.status === 'active' && f.stage !== 'incubating' && rng.chance(0.6);
    if (!gone && !grown) continue;
    const incubator = pickCarrier(rng, carriers, 'incubator', f.zoneId, f.foundedOn);
    if (!incubator) continue;
    const start = gone ? (incubator.openedOn && incubator.openedOn > f.foundedOn ? incubator.openedOn : f.foundedOn) : f.foundedOn;
    const end = gone ? f.exitedOn! : addMonths(start, rng.int(14, 30));
    if (addMonths(start, 3) > end || end > latestStep) continue;
    const exitKind = !gone ? 'in-district' : f.status === 'closed' ? 'closed' : 'left-district';
    plan.inserts.push({ enterpriseId: f.enterpriseId, carrierId: incubator.id, moveInOn: start, moveOutOn: end, leasedArea: rng.int(80, 450), exitKind });
  }
  for (const t of tenancies) {
    const present = t.moveOutOn === null || t.moveOutOn > today;
    if (!present) {
      plan.updates.push({ id: t.id, exitKind: t.status === 'closed' ? 'closed' : t.status === 'moved-away' ? 'left-district' : rng.chance(0.5) ? 'in-district' : 'left-district' });
      continue;
    }
    const climbs = (t.carrierType === 'accelerator' || t.carrierType === 'industrial-park') && t.foundedOn !== null && t.moveInOn === t.foundedOn && rng.chance(0.85);
    if (!climbs) {
      plan.updates.push({ id: t.id, leaseEndOn: leaseEndOf(rng, t.moveInOn, today) });
      continue;
    }
    const toPark = t.carrierType === 'industrial-park';
    const steps = ladderSteps(rng, t.moveInOn, toPark, today, latestStep);
    const incubator = steps && pickCarrier(rng, carriers, rng.chance(0.85) ? 'incubator' : 'public-platform', t.zoneId, t.moveInOn);
    if (!steps || !incubator) {
      plan.updates.push({ id: t.id, leaseEndOn: leaseEndOf(rng, t.moveInOn, today) });
      continue;
    }
    const area = (share: number) => Math.max(60, Math.round(t.leasedArea * share));
    plan.inserts.push({ enterpriseId: t.enterpriseId, carrierId: incubator.id, moveInOn: t.moveInOn, moveOutOn: steps.firstStep, leasedArea: area(rng.float(0.08, 0.2)), exitKind: 'moved-carrier' });
    let arrival = steps.firstStep;
    const accelerator = toPark && steps.secondStep ? pickCarrier(rng, carriers, 'accelerator', t.zoneId, steps.firstStep) : null;
    if (accelerator && steps.secondStep) {
      plan.inserts.push({ enterpriseId: t.enterpriseId, carrierId: accelerator.id, moveInOn: steps.firstStep, moveOutOn: steps.secondStep, leasedArea: area(rng.float(0.25, 0.45)), exitKind: 'moved-carrier' });
      arrival = steps.secondStep;
    }
    plan.updates.push({ id: t.id, moveInOn: arrival, leaseEndOn: leaseEndOf(rng, arrival, today) });
  }
  return plan;
}

/**
 * When a climbing firm moved up. Anchored at its founding, every firm founded years ago would have climbed
 * years ago and the ladder of the last three years (the carriers page's default window) would be nearly empty;
 * half the climbers therefore arrive at their present carrier within the last 3–34 months, after an incubator
 * (and, for a park, an accelerator) stay of plausible length, as long as that fits after the founding.
 */
function ladderSteps(rng: Rng, foundedOn: string, toPark: boolean, today: string, latestStep: string): { firstStep: string; secondStep: string | null } | null {
  if (rng.chance(0.5)) {
    const arrival = addMonths(today, -rng.int(3, 34));
    const accelerated = toPark ? rng.int(18, 30) : 0;
    const firstStep = toPark ? addMonths(arrival, -accelerated) : arrival;
    const earliest = addMonths(foundedOn, 14);
    if (firstStep >= earliest && arrival <= latestStep) return { firstStep, secondStep: toPark ? arrival : null };
  }
  const firstStep = addMonths(foundedOn, rng.int(14, 26));
  if (firstStep > latestStep) return null;
  if (!toPark) return { firstStep, secondStep: null };
  const secondStep = addMonths(firstStep, rng.int(18, 30));
  return { firstStep, secondStep: secondStep <= latestStep ? secondStep : null };
}
