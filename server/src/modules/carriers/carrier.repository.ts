import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { carrierOccupants, carriers, enterprises, zones } from '../../db/schema/index.ts';
import { occupancyRate, type Tenancy } from '../../domain/registries/occupancy.ts';

export type CarrierRow = typeof carriers.$inferSelect;
export interface CarrierFilter {
  q?: string | undefined;
  zone?: string | undefined;
  type?: string | undefined;
  sort?: 'name' | 'code' | 'occupancyRate' | 'updatedAt' | undefined;
  order?: 'asc' | 'desc' | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

function filterOf(scope: SQL, filter: CarrierFilter): SQL {
  const conditions: SQL[] = [scope];
  if (filter.q) conditions.push(or(ilike(carriers.nameZh, escapeLike(filter.q)), ilike(carriers.code, escapeLike(filter.q)))!);
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  if (filter.type) conditions.push(eq(carriers.carrierType, filter.type));
  return and(...conditions)!;
}

/** Leased area present today over the leasable (or total) area, in SQL for sorting. */
function occupancySql(today: string): SQL {
  return sql`(SELECT coalesce(sum(${carrierOccupants.leasedAreaM2}), 0) FROM ${carrierOccupants}
    WHERE ${carrierOccupants.carrierId} = ${carriers.id} AND ${carrierOccupants.moveInOn} <= ${today}::date
      AND (${carrierOccupants.moveOutOn} IS NULL OR ${carrierOccupants.moveOutOn} > ${today}::date))
    / NULLIF(coalesce(${carriers.leasableAreaM2}, ${carriers.totalAreaM2}), 0)`;
}

export async function listCarriers(db: Db, scope: SQL, filter: CarrierFilter, page: number, pageSize: number, today: string) {
  const where = filterOf(scope, filter);
  const direction = filter.order === 'desc' ? desc : asc;
  const order =
    filter.sort === 'occupancyRate' ? occupancySql(today) : filter.sort === 'code' ? carriers.code : filter.sort === 'updatedAt' ? carriers.updatedAt : carriers.nameZh;
  const [items, [count]] = await Promise.all([
    db
      .select({ row: carriers, zoneCode: zones.code, zoneName: zones.nameZh })
      .from(carriers)
      .leftJoin(zones, eq(zones.id, carriers.zoneId))
      .where(where)
      .orderBy(sql`${direction(order)} NULLS LAST`, asc(carriers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(carriers).leftJoin(zones, eq(zones.id, carriers.zoneId)).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function findCarrier(db: Db, scope: SQL, id: string) {
  const [row] = await db.select({ row: carriers, zoneCode: zones.code, zoneName: zones.nameZh }).from(carriers).leftJoin(zones, eq(zones.id, carriers.zoneId)).where(and(scope, eq(carriers.id, id)));
  return row;
}

export async function occupantsOf(db: Db, carrierIds: readonly string[]) {
  if (carrierIds.length === 0) return [];
  return db
    .select({ o: carrierOccupants, name: enterprises.name, uscc: enterprises.uscc })
    .from(carrierOccupants)
    .innerJoin(enterprises, eq(enterprises.id, carrierOccupants.enterpriseId))
    .where(inArray(carrierOccupants.carrierId, [...carrierIds]))
    .orderBy(asc(carrierOccupants.moveInOn));
}

export function tenancies(rows: Awaited<ReturnType<typeof occupantsOf>>, carrierId: string): Tenancy[] {
  return rows.filter((r) => r.o.carrierId === carrierId).map((r) => ({ moveInOn: r.o.moveInOn, moveOutOn: r.o.moveOutOn, leasedArea: Number(r.o.leasedAreaM2) }));
}

export function occupancyOf(row: CarrierRow, list: Tenancy[], today: string) {
  const num = (v: string | null) => (v === null ? null : Number(v));
  return occupancyRate(num(row.leasableAreaM2), num(row.totalAreaM2), list, today);
}

/** unsafe (identity only, for import duplicate detection): carriers by code or exact name, in any scope. */
export async function unsafeFindCarriers(db: Db, codes: string[], names: string[]) {
  if (codes.length === 0 && names.length === 0) return [];
  const conditions: SQL[] = [];
  if (codes.length) conditions.push(inArray(carriers.code, codes));
  if (names.length) conditions.push(inArray(carriers.nameZh, names));
  return db.select({ id: carriers.id, code: carriers.code, name: carriers.nameZh }).from(carriers).where(or(...conditions));
}
