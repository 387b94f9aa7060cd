import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { enterprises, instrumentDemands } from '../../db/schema/index.ts';

export interface GapRow {
  gap_kind: 'capacity' | 'missing';
  label: string;
  platform_name: string | null;
  refused: number;
  waitlisted: number;
  requested: number;
  hours_per_month: number;
  enterprise_ids: string[];
  enterprise_names: string[];
}

/**
 * Demand the district did not meet since `since`, in two kinds:
 * - capacity: an offered instrument whose bookings were declined or whose waitlist entries were never served;
 * - missing: open requests for an instrument type the district does not offer, grouped by the type named.
 * `bookingScope` / `demandScope` are the callers' row predicates (the chain-map hook passes `true`: counts and
 * node ids only leave it).
 */
export async function gapRows(db: Db, bookingScope: SQL, waitlistScope: SQL, demandScope: SQL, since: Date): Promise<GapRow[]> {
  const capacity = await rowsOf<GapRow>(
    db,
    sql`WITH refused AS (
          SELECT instrument_id, enterprise_id, 1 AS refused, 0 AS waitlisted FROM instrument_bookings
           WHERE status = 'declined' AND created_at >= ${since}::timestamptz AND ${bookingScope}
          UNION ALL
          SELECT instrument_id, enterprise_id, 0, 1 FROM instrument_waitlist
           WHERE status IN ('waiting', 'expired') AND created_at >= ${since}::timestamptz AND ${waitlistScope})
        SELECT 'capacity' AS gap_kind, i.name AS label, p.name AS platform_name,
               sum(r.refused)::int AS refused, sum(r.waitlisted)::int AS waitlisted, 0 AS requested, 0 AS hours_per_month,
               array_agg(DISTINCT r.enterprise_id::text) AS enterprise_ids,
               array_agg(DISTINCT e.name) AS enterprise_names
          FROM refused r JOIN instruments i ON i.id = r.instrument_id JOIN platforms p ON p.id = i.platform_id
          JOIN enterprises e ON e.id = r.enterprise_id
         GROUP BY i.id, i.name, p.name`,
  );
  const missing = await rowsOf<GapRow>(
    db,
    sql`SELECT 'missing' AS gap_kind, min(instrument_demands.kind) AS label, NULL AS platform_name, 0 AS refused, 0 AS waitlisted,
               count(*)::int AS requested, coalesce(sum(instrument_demands.hours_per_month), 0)::int AS hours_per_month,
               array_agg(DISTINCT instrument_demands.enterprise_id::text) AS enterprise_ids, array_agg(DISTINCT e.name) AS enterprise_names
          FROM instrument_demands JOIN enterprises e ON e.id = instrument_demands.enterprise_id
         WHERE instrument_demands.status = 'open' AND instrument_demands.created_at >= ${since}::timestamptz AND ${demandScope}
         GROUP BY lower(btrim(instrument_demands.kind))`,
  );
  return [...missing, ...capacity].map((r) => ({ ...r, refused: Number(r.refused), waitlisted: Number(r.waitlisted), requested: Number(r.requested), hours_per_month: Number(r.hours_per_month) }));
}

/** The chain nodes of a set of enterprises (their registered nodes, primary or not). */
export async function nodesOfEnterprises(db: Db, enterpriseIds: readonly string[]) {
  if (enterpriseIds.length === 0) return [];
  return rowsOf<{ enterprise_id: string; id: string; name_zh: string; name_en: string }>(
    db,
    sql`SELECT ecn.enterprise_id::text AS enterprise_id, n.id::text AS id, n.name_zh, n.name_en FROM enterprise_chain_nodes ecn
          JOIN chain_nodes n ON n.id = ecn.node_id AND n.deleted_at IS NULL
         WHERE ecn.enterprise_id IN (${sql.join(enterpriseIds.map((id) => sql`${id}`), sql`, `)})`,
  );
}

export async function insertDemand(db: Db, v: typeof instrumentDemands.$inferInsert): Promise<string> {
  const [row] = await db.insert(instrumentDemands).values(v).returning({ id: instrumentDemands.id });
  return row!.id;
}

export async function listDemands(db: Db, scope: SQL) {
  return db
    .select({ row: instrumentDemands, enterpriseName: enterprises.name })
    .from(instrumentDemands)
    .innerJoin(enterprises, eq(enterprises.id, instrumentDemands.enterpriseId))
    .where(scope)
    .orderBy(desc(instrumentDemands.createdAt))
    .limit(500);
}
