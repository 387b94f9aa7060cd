import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enterprises, zones } from '../../db/schema/index.ts';
import { rowsOf } from '../../db/rows.ts';

/** One enterprise that owes (or has not yet had approved) the report of a month, as stored. */
export interface OwingRow {
  id: string;
  uscc: string;
  name: string;
  zoneId: string | null;
  zoneCode: string | null;
  zoneNameZh: string | null;
  zoneNameEn: string | null;
  contacts: { name: string; title?: string | null; phone?: string | null; email?: string | null }[];
  contactName: string | null;
  contactPhone: string | null;
  reportId: string | null;
  reportStatus: string | null;
  reportDeadline: string | null;
  lastRemindedAt: Date | string | null;
  hasAccount: boolean;
}

/** The notification kind and object a reminder of one enterprise's month is filed under (shared with the daily job). */
export const REMINDER_KIND = 'report.deadline-reminder';
export const reminderObjectId = (enterpriseId: string, period: string) => `${enterpriseId}:${period}`;

/**
 * Live enterprises (not deleted, merged or closed) inside `scope` (enterpriseScope of the caller) whose report
 * of the month is missing or not approved, with their report's state, deadline and the last reminder sent.
 * The contacts columns are read through the enterprises table as the registry stores them and shaped by the
 * enterprise presenter, never matched in SQL.
 */
export async function listOwingEnterprises(db: Db, scope: ReturnType<typeof sql>, period: { year: number; month: number }, filter: { zone?: string; enterpriseIds?: readonly string[] }): Promise<OwingRow[]> {
  const periodText = `${period.year}-${String(period.month).padStart(2, '0')}`;
  const conditions = [
    scope,
    sql`${enterprises.mergedIntoId} IS NULL`,
    sql`${enterprises.status} = 'active'`,
    sql`NOT EXISTS (SELECT 1 FROM monthly_reports a WHERE a.enterprise_id = ${enterprises.id} AND a.year = ${period.year} AND a.month = ${period.month} AND a.status = 'approved')`,
  ];
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  if (filter.enterpriseIds) {
    if (filter.enterpriseIds.length === 0) return [];
    conditions.push(sql`${enterprises.id} IN (${sql.join(filter.enterpriseIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  return db
    .select({
      id: enterprises.id,
      uscc: enterprises.uscc,
      name: enterprises.name,
      zoneId: enterprises.zoneId,
      zoneCode: zones.code,
      zoneNameZh: zones.nameZh,
      zoneNameEn: zones.nameEn,
      contacts: enterprises.contacts,
      contactName: enterprises.contactName,
      contactPhone: enterprises.contactPhone,
      reportId: sql<string | null>`r.id`,
      reportStatus: sql<string | null>`r.status`,
      reportDeadline: sql<string | null>`r.deadline::text`,
      lastRemindedAt: sql<Date | string | null>`(SELECT max(n.created_at) FROM notifications n
        WHERE n.kind = ${REMINDER_KIND} AND n.object_kind = 'monthly-report' AND n.object_id = ${enterprises.id}::text || ':' || ${periodText})`,
      hasAccount: sql<boolean>`EXISTS (SELECT 1 FROM users u WHERE u.role = 'enterprise' AND u.status = 'active' AND u.scope_kind = 'enterprise' AND u.scope_id = ${enterprises.id})`,
    })
    .from(enterprises)
    .leftJoin(zones, eq(zones.id, enterprises.zoneId))
    .leftJoin(sql`monthly_reports r`, sql`r.enterprise_id = ${enterprises.id} AND r.year = ${period.year} AND r.month = ${period.month}`)
    .where(and(...conditions))
    .orderBy(sql`${zones.sortOrder} NULLS LAST`, enterprises.name, enterprises.id);
}

/** Reports per status inside `scope` (reportScope of the caller), for the reports list's tabs. */
export async function countReportsByStatus(db: Db, scope: SQL, filter: { period?: { year: number; month: number }; zone?: string; enterpriseId?: string }): Promise<{ status: string; n: number }[]> {
  const where = sql.join(
    [
      scope,
      filter.period ? sql`r.year = ${filter.period.year} AND r.month = ${filter.period.month}` : sql`true`,
      filter.zone ? sql`e.zone_id = (SELECT z.id FROM zones z WHERE z.code = ${filter.zone})` : sql`true`,
      filter.enterpriseId ? sql`r.enterprise_id = ${filter.enterpriseId}` : sql`true`,
    ],
    sql` AND `,
  );
  return rowsOf(db, sql`SELECT r.status, count(*)::int AS n FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id WHERE ${where} GROUP BY r.status`);
}
