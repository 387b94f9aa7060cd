import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  supervisionItems,
  supervisionMilestones,
  supervisionReportRevisions,
  supervisionReports,
  supervisionStatusRules,
  supervisionWorkPlans,
} from '../../db/schema/index.ts';
import type { SQL } from 'drizzle-orm';

export type ItemRow = typeof supervisionItems.$inferSelect;
export type WorkPlanRow = typeof supervisionWorkPlans.$inferSelect;
export type MilestoneRow = typeof supervisionMilestones.$inferSelect;
export type ReportRow = typeof supervisionReports.$inferSelect;
export type RevisionRow = typeof supervisionReportRevisions.$inferSelect;

/** One measure × unit of the active plan versions, with what the board shows of its clause. */
export interface ClauseUnitRow {
  measureKey: string;
  measureTitle: string;
  measureBody: string;
  measureOrdinal: number;
  taskKey: string;
  taskKind: 'task' | 'safeguard';
  taskLabel: string;
  taskTitle: string;
  taskOrdinal: number;
  taskSourceStart: number;
  versionId: string;
  unitName: string;
  unitOrdinal: number;
  role: 'lead' | 'co';
  departmentId: string | null;
  zoneId: string | null;
}

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));

/** The measures of every active plan version with the responsible units of their task. */
export async function listActiveClauseUnits(db: Db): Promise<ClauseUnitRow[]> {
  return rowsOf<ClauseUnitRow>(
    await db.execute(sql`
      SELECT m.key AS "measureKey", m.title AS "measureTitle", m.body AS "measureBody", m.ordinal AS "measureOrdinal",
             t.key AS "taskKey", t.kind AS "taskKind", t.label AS "taskLabel", t.title AS "taskTitle", t.ordinal AS "taskOrdinal",
             t.source_start AS "taskSourceStart", v.id AS "versionId",
             u.name AS "unitName", u.ordinal AS "unitOrdinal", u.role, u.department_id AS "departmentId",
             (SELECT z.id FROM zones z WHERE u.name LIKE z.name_zh || '%' LIMIT 1) AS "zoneId"
        FROM plan_measures m
        JOIN plan_versions v ON v.id = m.version_id AND v.status = 'active'
        JOIN plan_tasks t ON t.id = m.task_id
        JOIN plan_task_units u ON u.task_id = t.id
       ORDER BY t.ordinal, m.ordinal, u.ordinal`),
  );
}

/** The active versions' source texts (for the chapter numeral of a task label, e.g. 六 in 六(一)). */
export async function activeSourceTexts(db: Db): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; source_text: string }>(await db.execute(sql`SELECT id, source_text FROM plan_versions WHERE status = 'active'`));
  return new Map(rows.map((r) => [r.id, r.source_text]));
}

export async function listAllItems(db: Db): Promise<ItemRow[]> {
  return db.select().from(supervisionItems).orderBy(asc(supervisionItems.clauseKey), asc(supervisionItems.role), asc(supervisionItems.unitName));
}

/** Active items inside a scope predicate (supervision.policy.ts, written against the alias si). */
export async function listItemIdsInScope(db: Db, scope: SQL): Promise<Set<string>> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`SELECT si.id FROM supervision_items si WHERE si.is_active AND ${scope}`));
  return new Set(rows.map((r) => r.id));
}

export async function findItemInScope(db: Db, scope: SQL, id: string): Promise<ItemRow | undefined> {
  const ids = rowsOf<{ id: string }>(await db.execute(sql`SELECT si.id FROM supervision_items si WHERE si.id = ${id} AND si.is_active AND ${scope}`));
  if (!ids.length) return undefined;
  const [row] = await db.select().from(supervisionItems).where(eq(supervisionItems.id, id));
  return row;
}

export async function unsafeFindItem(db: Db, id: string): Promise<ItemRow | undefined> {
  // unsafe: no scope — used after the caller has checked the scope of a related row (a report's item).
  const [row] = await db.select().from(supervisionItems).where(eq(supervisionItems.id, id));
  return row;
}

export async function listWorkPlans(db: Db, year: number): Promise<WorkPlanRow[]> {
  return db.select().from(supervisionWorkPlans).where(eq(supervisionWorkPlans.year, year));
}

export async function findWorkPlan(db: Db, itemId: string, year: number): Promise<WorkPlanRow | undefined> {
  const [row] = await db.select().from(supervisionWorkPlans).where(and(eq(supervisionWorkPlans.itemId, itemId), eq(supervisionWorkPlans.year, year)));
  return row;
}

export async function listMilestones(db: Db, workPlanIds: readonly string[]): Promise<MilestoneRow[]> {
  if (!workPlanIds.length) return [];
  return db.select().from(supervisionMilestones).where(inArray(supervisionMilestones.workPlanId, [...workPlanIds])).orderBy(asc(supervisionMilestones.ordinal));
}

/** Reports of a year (periods YYYY-MM and YYYY-Qn). */
export async function listReportsOfYear(db: Db, year: number): Promise<ReportRow[]> {
  return db.select().from(supervisionReports).where(like(supervisionReports.period, `${year}-%`)).orderBy(asc(supervisionReports.period));
}

export async function listReportsOfItems(db: Db, itemIds: readonly string[]): Promise<ReportRow[]> {
  if (!itemIds.length) return [];
  return db.select().from(supervisionReports).where(inArray(supervisionReports.itemId, [...itemIds])).orderBy(asc(supervisionReports.period));
}

/**
 * One progress report by id, whatever its item. Named unsafe: a report id says nothing of scope; every caller
 * checks the report's item through the access rule (itemScopeSql, isItemUnit) before using it.
 */
export async function unsafeFindReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(supervisionReports).where(eq(supervisionReports.id, id));
  return row;
}

export async function findReportOfPeriod(db: Db, itemId: string, period: string): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(supervisionReports).where(and(eq(supervisionReports.itemId, itemId), eq(supervisionReports.period, period)));
  return row;
}

export async function listRevisions(db: Db, reportIds: readonly string[]): Promise<RevisionRow[]> {
  if (!reportIds.length) return [];
  return db.select().from(supervisionReportRevisions).where(inArray(supervisionReportRevisions.reportId, [...reportIds])).orderBy(asc(supervisionReportRevisions.id));
}

export async function listStatusRules(db: Db) {
  return db.select().from(supervisionStatusRules).orderBy(asc(supervisionStatusRules.code));
}
