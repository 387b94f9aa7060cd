/**
 * The demo's carrier ladder (issue 13 §4): from the occupancy the generator made (each firm in one carrier
 * from its founding), a plausible history of moves over the last years:
 * - graduations: a young firm now in an accelerator or industrial park started in an incubator (two steps
 *   for a park: incubator → accelerator → park); its present tenancy is unchanged, only its start moves
 *   later, so today's occupancy of every carrier stays what the generator calibrated;
 * - ways out: the tenancy of a firm that closed or moved away ends with that destination;
 * - leases: every present tenancy has a three-year lease renewed since its move-in, so about one in twelve
 *   ends within three months (the lease-expiry warning fires for a few).
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
export interface LadderPlan {
  updates: { id: string; moveInOn?: string; exitKind?: string; leaseEndOn?: string }[];
  inserts: { enterpriseId: string; carrierId: string; moveInOn: string; moveOutOn: string; leasedArea: number; exitKind: string }[];
}

const LEASE_MONTHS = 36;

/** The first three-year lease end after `today` counted from the move-in (renewed every three years). */
export function currentLeaseEnd(moveInOn: string, today: string): string {
  let k = 1;
  while (addMonths(moveInOn, k * LEASE_MONTHS) <= today) k += 1;
  return addMonths(moveInOn, k * LEASE_MONTHS);
}

function pickCarrier(rng: Rng, carriers: readonly DemoCarrierIn[], type: string, zoneId: string | null, from: string): DemoCarrierIn | null {
  const open = carriers.filter((c) => c.type === type && (c.openedOn === null || c.openedOn <= from));
  const near = open.filter((c) => c.zoneId === zoneId);
  const pool = near.length ? near : open;
  return pool.length ? rng.pick(pool) : null;
}

export function planDemoLadder(tenancies: readonly DemoTenancyIn[], carriers: readonly DemoCarrierIn[], today: string, rng: Rng): LadderPlan {
  const plan: LadderPlan = { updates: [], inserts: [] };
  const latestStep = addMonths(today, -2);
  for (const t of tenancies) {
    const present = t.moveOutOn === null || t.moveOutOn > today;
    if (!present) {
      plan.updates.push({ id: t.id, exitKind: t.status === 'closed' ? 'closed' : t.status === 'moved-away' ? 'left-district' : rng.chance(0.5) ? 'in-district' : 'left-district' });
      continue;
    }
    const climbs = (t.carrierType === 'accelerator' || t.carrierType === 'industrial-park') && t.foundedOn !== null && t.moveInOn === t.foundedOn && rng.chance(0.85);
    if (!climbs) {
      plan.updates.push({ id: t.id, leaseEndOn: currentLeaseEnd(t.moveInOn, today) });
      continue;
    }
    const incubator = pickCarrier(rng, carriers, rng.chance(0.85) ? 'incubator' : 'public-platform', t.zoneId, t.moveInOn);
    const firstStep = addMonths(t.moveInOn, rng.int(14, 26));
    if (!incubator || firstStep > latestStep) {
      plan.updates.push({ id: t.id, leaseEndOn: currentLeaseEnd(t.moveInOn, today) });
      continue;
    }
    const area = (share: number) => Math.max(60, Math.round(t.leasedArea * share));
    plan.inserts.push({ enterpriseId: t.enterpriseId, carrierId: incubator.id, moveInOn: t.moveInOn, moveOutOn: firstStep, leasedArea: area(rng.float(0.08, 0.2)), exitKind: 'moved-carrier' });
    let arrival = firstStep;
    if (t.carrierType === 'industrial-park') {
      const secondStep = addMonths(firstStep, rng.int(18, 30));
      const accelerator = pickCarrier(rng, carriers, 'accelerator', t.zoneId, firstStep);
      if (accelerator && secondStep <= latestStep) {
        plan.inserts.push({ enterpriseId: t.enterpriseId, carrierId: accelerator.id, moveInOn: firstStep, moveOutOn: secondStep, leasedArea: area(rng.float(0.25, 0.45)), exitKind: 'moved-carrier' });
        arrival = secondStep;
      }
    }
    plan.updates.push({ id: t.id, moveInOn: arrival, leaseEndOn: currentLeaseEnd(arrival, today) });
  }
  return plan;
}
