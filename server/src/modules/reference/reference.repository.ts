import { asc, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { carriers, zones } from '../../db/schema/index.ts';

/** Zones in plan order, each with the live carriers that `carrierPredicate` (the caller's carrier scope) admits. */
export async function listZonesWithCarriers(db: Db, carrierPredicate: SQL) {
  const rows = await db.select().from(zones).orderBy(asc(zones.sortOrder));
  const cs = await db.select().from(carriers).where(sql`${isNull(carriers.deletedAt)} AND ${carrierPredicate}`).orderBy(asc(carriers.code));
  return rows.map((z) => ({
    id: z.id,
    code: z.code,
    nameZh: z.nameZh,
    nameEn: z.nameEn,
    baseZh: z.baseZh,
    lon: z.lon === null ? null : Number(z.lon),
    lat: z.lat === null ? null : Number(z.lat),
    carriers: cs.filter((c) => c.zoneId === z.id).map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, type: c.carrierType })),
  }));
}
