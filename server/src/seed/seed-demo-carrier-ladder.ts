import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { carrierOccupants } from '../db/schema/index.ts';
import { planDemoLadder, type DemoCarrierIn, type DemoFirmIn, type DemoTenancyIn } from '../domain/demo/carrier-ladder.ts';
import { createRng } from '../domain/demo/prng.ts';

/**
 * The demo's carrier ladder (domain/demo/carrier-ladder.ts): moves, destinations and lease ends on the demo
 * firms' tenancies. Runs once: a tenancy with a lease end or a destination means the ladder is in place.
 */
export async function seedDemoCarrierLadder(tx: Db, today: string, seed: number): Promise<{ moves: number }> {
  const [done] = await rowsOf<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM carrier_occupants WHERE lease_end_on IS NOT NULL OR exit_kind IS NOT NULL`);
  if ((done?.n ?? 0) > 0) return { moves: 0 };
  const tenancies = (
    await rowsOf<{ id: string; enterprise_id: string; carrier_id: string; carrier_type: string; zone_id: string | null; move_in_on: string; move_out_on: string | null; leased_area_m2: string; founded_on: string | null; status: string }>(
      tx,
      sql`SELECT o.id::text AS id, o.enterprise_id::text AS enterprise_id, o.carrier_id::text AS carrier_id, c.carrier_type, c.zone_id::text AS zone_id,
          to_char(o.move_in_on, 'YYYY-MM-DD') AS move_in_on, to_char(o.move_out_on, 'YYYY-MM-DD') AS move_out_on, o.leased_area_m2,
          to_char(e.founded_on, 'YYYY-MM-DD') AS founded_on, e.status
        FROM carrier_occupants o JOIN carriers c ON c.id = o.carrier_id JOIN enterprises e ON e.id = o.enterprise_id
        WHERE e.is_demo ORDER BY o.move_in_on, e.uscc, o.id`,
    )
  ).map(
    (r): DemoTenancyIn => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      carrierId: r.carrier_id,
      carrierType: r.carrier_type,
      zoneId: r.zone_id,
      moveInOn: r.move_in_on,
      moveOutOn: r.move_out_on,
      leasedArea: Number(r.leased_area_m2),
      foundedOn: r.founded_on,
      status: r.status,
    }),
  );
  const carriers = (
    await rowsOf<{ id: string; carrier_type: string; zone_id: string | null; opened_on: string | null; code: string }>(
      tx,
      sql`SELECT id::text AS id, carrier_type, zone_id::text AS zone_id, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, code FROM carriers WHERE deleted_at IS NULL ORDER BY code`,
    )
  ).map((r): DemoCarrierIn => ({ id: r.id, type: r.carrier_type, zoneId: r.zone_id, openedOn: r.opened_on }));
  const firms = (
    await rowsOf<{ id: string; zone_id: string | null; founded_on: string | null; exited_on: string | null; status: string; stage: string }>(
      tx,
      sql`SELECT e.id::text AS id, e.zone_id::text AS zone_id, to_char(e.founded_on, 'YYYY-MM-DD') AS founded_on, to_char(e.exited_on, 'YYYY-MM-DD') AS exited_on, e.status, e.stage
        FROM enterprises e WHERE e.is_demo AND e.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM carrier_occupants o WHERE o.enterprise_id = e.id) ORDER BY e.uscc`,
    )
  ).map((r): DemoFirmIn => ({ enterpriseId: r.id, zoneId: r.zone_id, foundedOn: r.founded_on, exitedOn: r.exited_on, status: r.status, stage: r.stage }));
  const plan = planDemoLadder(tenancies, carriers, firms, today, createRng(seed, 'carrier-ladder'));
  for (const u of plan.updates) {
    await tx
      .update(carrierOccupants)
      .set({ ...(u.moveInOn ? { moveInOn: u.moveInOn } : {}), ...(u.exitKind ? { exitKind: u.exitKind } : {}), ...(u.leaseEndOn ? { leaseEndOn: u.leaseEndOn } : {}) })
      .where(eq(carrierOccupants.id, u.id));
  }
  if (plan.inserts.length) {
    await tx.insert(carrierOccupants).values(plan.inserts.map((i) => ({ ...i, leasedAreaM2: String(i.leasedArea), note: '演示数据' })).map(({ leasedArea: _area, ...row }) => row));
  }
  return { moves: plan.inserts.length };
}
