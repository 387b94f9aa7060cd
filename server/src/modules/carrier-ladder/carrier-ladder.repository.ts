import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import type { CarrierKind, ExitKind, LadderTenancy } from '../../domain/carrier-ladder/ladder.ts';

/** A tenancy with what the pages show about its carrier and enterprise. */
export interface TenancyRow extends LadderTenancy {
  carrierName: string;
  carrierZoneId: string | null;
  enterpriseName: string;
  enterpriseUscc: string;
  leaseEndOn: string | null;
  overlapReason: string | null;
  note: string | null;
}

interface RawTenancy {
  id: string;
  enterprise_id: string;
  carrier_id: string;
  carrier_type: string;
  carrier_name: string;
  carrier_zone_id: string | null;
  move_in_on: string;
  move_out_on: string | null;
  lease_end_on: string | null;
  leased_area_m2: string | number;
  exit_kind: string | null;
  overlap_reason: string | null;
  note: string | null;
  enterprise_name: string;
  enterprise_uscc: string;
}

const SELECT = sql`SELECT o.id::text AS id, o.enterprise_id::text AS enterprise_id, o.carrier_id::text AS carrier_id, c.carrier_type, c.name_zh AS carrier_name,
    c.zone_id::text AS carrier_zone_id, to_char(o.move_in_on, 'YYYY-MM-DD') AS move_in_on, to_char(o.move_out_on, 'YYYY-MM-DD') AS move_out_on,
    to_char(o.lease_end_on, 'YYYY-MM-DD') AS lease_end_on, o.leased_area_m2, o.exit_kind, o.overlap_reason, o.note, e.name AS enterprise_name, e.uscc AS enterprise_uscc
  FROM carrier_occupants o JOIN carriers c ON c.id = o.carrier_id JOIN enterprises e ON e.id = o.enterprise_id`;

function tenancyOf(r: RawTenancy): TenancyRow {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    carrierId: r.carrier_id,
    carrierKind: r.carrier_type as CarrierKind,
    carrierName: r.carrier_name,
    carrierZoneId: r.carrier_zone_id,
    moveInOn: r.move_in_on,
    moveOutOn: r.move_out_on,
    leaseEndOn: r.lease_end_on,
    leasedArea: Number(r.leased_area_m2),
    exitKind: r.exit_kind as ExitKind | null,
    overlapReason: r.overlap_reason,
    note: r.note,
    enterpriseName: r.enterprise_name,
    enterpriseUscc: String(r.enterprise_uscc).trim(),
  };
}

export interface TenancyFilter {
  carrierIds?: readonly string[] | undefined;
  enterpriseId?: string | undefined;
  id?: string | undefined;
}

/** Tenancies within `scope` (a predicate over `o` and `c` from the policy). */
export async function tenanciesInScope(db: Db, scope: SQL, filter: TenancyFilter = {}): Promise<TenancyRow[]> {
  const conditions: SQL[] = [scope];
  if (filter.carrierIds) conditions.push(filter.carrierIds.length ? sql`o.carrier_id IN (${sql.join(filter.carrierIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  if (filter.enterpriseId) conditions.push(sql`o.enterprise_id = ${filter.enterpriseId}::uuid`);
  if (filter.id) conditions.push(sql`o.id = ${filter.id}::uuid`);
  return (await rowsOf<RawTenancy>(db, sql`${SELECT} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY o.move_in_on, o.id`)).map(tenancyOf);
}

/**
 * unsafe (derivation only): every tenancy of these enterprises, in any carrier and scope. Where a tenant went
 * next (graduation, the flows) depends on its tenancies elsewhere; callers show those only as a carrier kind,
 * never by name, unless the reader may see them.
 */
export async function unsafeTenanciesOfEnterprises(db: Db, enterpriseIds: readonly string[]): Promise<TenancyRow[]> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return [];
  const out: TenancyRow[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await rowsOf<RawTenancy>(db, sql`${SELECT} WHERE c.deleted_at IS NULL AND o.enterprise_id IN (${sql.join(chunk.map((id) => sql`${id}::uuid`), sql`, `)}) ORDER BY o.move_in_on, o.id`);
    out.push(...rows.map(tenancyOf));
  }
  return out;
}

/** unsafe (the nightly warning job, which has no actor): present tenancies whose lease ends on or before `until`. */
export async function unsafeLeasesEndingBy(db: Db, today: string, until: string): Promise<TenancyRow[]> {
  const rows = await rowsOf<RawTenancy>(
    db,
    sql`${SELECT} WHERE c.deleted_at IS NULL AND e.deleted_at IS NULL AND o.lease_end_on IS NOT NULL AND o.lease_end_on <= ${until}::date
      AND o.move_in_on <= ${today}::date AND (o.move_out_on IS NULL OR o.move_out_on > ${today}::date) ORDER BY o.lease_end_on, o.id`,
  );
  return rows.map(tenancyOf);
}

export interface LadderCarrierRow {
  id: string;
  code: string;
  name: string;
  type: CarrierKind;
  zoneCode: string | null;
  zoneName: string | null;
  totalArea: number | null;
  leasableArea: number | null;
  openedOn: string | null;
}

/** Carriers within `scope` (the carriers feature's read predicate), optionally one zone's. */
export async function carriersForLadder(db: Db, scope: SQL, zone: string | undefined): Promise<LadderCarrierRow[]> {
  const rows = await rowsOf<{ id: string; code: string; name_zh: string; carrier_type: string; zone_code: string | null; zone_name: string | null; total_area_m2: string | null; leasable_area_m2: string | null; opened_on: string | null }>(
    db,
    sql`SELECT carriers.id::text AS id, carriers.code, carriers.name_zh, carriers.carrier_type, z.code AS zone_code, z.name_zh AS zone_name, carriers.total_area_m2, carriers.leasable_area_m2,
        to_char(carriers.opened_on, 'YYYY-MM-DD') AS opened_on
      FROM carriers LEFT JOIN zones z ON z.id = carriers.zone_id
      WHERE ${scope} ${zone ? sql`AND z.code = ${zone}` : sql``} ORDER BY carriers.carrier_type, carriers.name_zh`,
  );
  const num = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name_zh,
    type: r.carrier_type as CarrierKind,
    zoneCode: r.zone_code,
    zoneName: r.zone_name,
    totalArea: num(r.total_area_m2),
    leasableArea: num(r.leasable_area_m2),
    openedOn: r.opened_on,
  }));
}
