import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  enterprises,
  serviceCalendarDays,
  serviceRequestEvents,
  serviceRequestRoutes,
  serviceRequests,
  serviceRequestSla,
  users,
} from '../../db/schema/index.ts';
import type { CalendarOverrides } from '../../domain/services/working-time.ts';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestListRow = { row: RequestRow; enterpriseName: string; uscc: string; categoryName: string; categoryNameEn: string; targetName: string; targetNameEn: string };

const targetName = sql<string>`COALESCE(CASE ${serviceRequests.targetKind}
  WHEN 'department' THEN (SELECT COALESCE(d.short_name_zh, d.name_zh) FROM departments d WHERE d.id = ${serviceRequests.targetId})
  WHEN 'zone' THEN (SELECT z.name_zh || '管委会' FROM zones z WHERE z.id = ${serviceRequests.targetId})
  WHEN 'platform' THEN (SELECT p.name FROM platforms p WHERE p.id = ${serviceRequests.targetId}) END, '')`;
/** The handler's English name (a department's or a zone's reference name; a platform's name is its own). */
const targetNameEn = sql<string>`COALESCE(CASE ${serviceRequests.targetKind}
  WHEN 'department' THEN (SELECT d.name_en FROM departments d WHERE d.id = ${serviceRequests.targetId})
  WHEN 'zone' THEN (SELECT z.name_en || ' Administrative Committee' FROM zones z WHERE z.id = ${serviceRequests.targetId})
  WHEN 'platform' THEN (SELECT p.name FROM platforms p WHERE p.id = ${serviceRequests.targetId}) END, '')`;

const listColumns = {
  row: serviceRequests,
  enterpriseName: enterprises.name,
  uscc: sql<string>`${enterprises.uscc}`,
  categoryName: serviceRequestRoutes.nameZh,
  categoryNameEn: serviceRequestRoutes.nameEn,
  targetName,
  targetNameEn,
};

/** Open steps past due at `now`: still unacknowledged after the acknowledge limit, or unanswered after the resolve limit. */
export function overdueCondition(now: Date): SQL {
  return sql`((${serviceRequests.status} = 'submitted' AND ${serviceRequests.acknowledgeDueAt} < ${now})
    OR (${serviceRequests.status} IN ('submitted', 'accepted') AND ${serviceRequests.resolveDueAt} < ${now}))`;
}

export async function listRequests(db: Db, scope: SQL, filter: { status?: string | undefined; overdue?: boolean | undefined }, page: number, pageSize: number, now: Date) {
  const conditions: SQL[] = [scope];
  if (filter.status) conditions.push(eq(serviceRequests.status, filter.status));
  if (filter.overdue === true) conditions.push(overdueCondition(now));
  if (filter.overdue === false) conditions.push(sql`NOT ${overdueCondition(now)}`);
  const where = and(...conditions);
  const base = () =>
    db
      .select(listColumns)
      .from(serviceRequests)
      .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
      .innerJoin(serviceRequestRoutes, eq(serviceRequestRoutes.category, serviceRequests.category));
  const items = (await base().where(where).orderBy(desc(serviceRequests.submittedAt), desc(serviceRequests.id)).limit(pageSize).offset((page - 1) * pageSize)) as RequestListRow[];
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .where(where);
  return { items, total: Number(count?.n ?? 0) };
}

export async function findRequest(db: Db, scope: SQL, id: string, forUpdate = false): Promise<RequestListRow | null> {
  const query = db
    .select(listColumns)
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .innerJoin(serviceRequestRoutes, eq(serviceRequestRoutes.category, serviceRequests.category))
    .where(and(scope, eq(serviceRequests.id, id)));
  const [row] = forUpdate ? await query.for('update', { of: serviceRequests }) : await query;
  return (row as RequestListRow | undefined) ?? null;
}

export async function eventsOf(db: Db, requestId: string) {
  return db.select().from(serviceRequestEvents).where(eq(serviceRequestEvents.requestId, requestId)).orderBy(serviceRequestEvents.seq);
}

export async function insertEvent(db: Db, event: typeof serviceRequestEvents.$inferInsert) {
  await db.insert(serviceRequestEvents).values(event);
}

export async function findRoute(db: Db, category: string) {
  const [row] = await db.select().from(serviceRequestRoutes).where(eq(serviceRequestRoutes.category, category));
  return row ?? null;
}

export async function listCategories(db: Db) {
  return db
    .select({
      category: serviceRequestRoutes.category,
      nameZh: serviceRequestRoutes.nameZh,
      nameEn: serviceRequestRoutes.nameEn,
      targetKind: serviceRequestRoutes.targetKind,
      targetName: sql<string>`COALESCE(CASE ${serviceRequestRoutes.targetKind}
        WHEN 'department' THEN (SELECT COALESCE(d.short_name_zh, d.name_zh) FROM departments d WHERE d.id = ${serviceRequestRoutes.targetId})
        WHEN 'zone' THEN (SELECT z.name_zh || '管委会' FROM zones z WHERE z.id = ${serviceRequestRoutes.targetId})
        WHEN 'platform' THEN (SELECT p.name FROM platforms p WHERE p.id = ${serviceRequestRoutes.targetId})
      WHEN 'enterprise-zone' THEN '所在园区管委会' END, '')`,
      targetNameEn: sql<string>`COALESCE(CASE ${serviceRequestRoutes.targetKind}
        WHEN 'department' THEN (SELECT d.name_en FROM departments d WHERE d.id = ${serviceRequestRoutes.targetId})
        WHEN 'zone' THEN (SELECT z.name_en || ' Administrative Committee' FROM zones z WHERE z.id = ${serviceRequestRoutes.targetId})
        WHEN 'platform' THEN (SELECT p.name FROM platforms p WHERE p.id = ${serviceRequestRoutes.targetId})
      WHEN 'enterprise-zone' THEN 'The enterprise''s park committee' END, '')`,
    })
    .from(serviceRequestRoutes)
    .orderBy(serviceRequestRoutes.sortOrder, serviceRequestRoutes.category);
}

export interface SlaSettings {
  acknowledge: { hours: number; remindShare: number };
  resolve: { hours: number; remindShare: number };
  calendar: CalendarOverrides;
}

export async function loadSlaSettings(db: Db): Promise<SlaSettings> {
  const steps = await db.select().from(serviceRequestSla);
  const days = await db.select().from(serviceCalendarDays);
  const step = (name: string) => {
    const row = steps.find((s) => s.step === name);
    if (!row) throw new Error(`service_request_sla has no row for ${name}`);
    return { hours: row.workingHours, remindShare: Number(row.remindAtShare) };
  };
  return { acknowledge: step('acknowledge'), resolve: step('resolve'), calendar: new Map(days.map((d) => [d.day, d.isWorking])) };
}

export async function nextRequestCode(db: Db, day: string): Promise<string> {
  const prefix = `SQ${day.replaceAll('-', '')}`;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceRequests).where(sql`${serviceRequests.code} LIKE ${prefix + '-%'}`);
  return `${prefix}-${String(Number(row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function insertRequest(db: Db, values: typeof serviceRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await db.insert(serviceRequests).values(values).returning();
  return row!;
}

export async function updateRequest(db: Db, id: string, values: Partial<typeof serviceRequests.$inferInsert>): Promise<void> {
  await db.update(serviceRequests).set(values).where(eq(serviceRequests.id, id));
}

export interface OverdueRequest {
  id: string;
  code: string;
  enterpriseId: string;
  title: string;
  step: 'acknowledge' | 'resolve';
  dueAt: Date;
  targetKind: string;
  targetId: string;
}

/** Open requests whose current step is past due at `now` (every request: callers scope the result). */
export async function unsafeOverdueRequests(db: Db, now: Date): Promise<OverdueRequest[]> {
  const rows = await db.select().from(serviceRequests).where(and(inArray(serviceRequests.status, ['submitted', 'accepted']), overdueCondition(now)));
  return rows.map((r) => {
    const ackLate = r.status === 'submitted' && r.acknowledgeDueAt < now;
    return {
      id: r.id,
      code: r.code,
      enterpriseId: r.enterpriseId,
      title: r.title,
      step: ackLate && !(r.resolveDueAt < now) ? 'acknowledge' : 'resolve',
      dueAt: ackLate && !(r.resolveDueAt < now) ? r.acknowledgeDueAt : r.resolveDueAt,
      targetKind: r.targetKind,
      targetId: r.targetId,
    };
  });
}

/** Open requests whose current step has reached its reminder instant and has not been reminded for that step. */
export async function unsafeRequestsToRemind(db: Db, now: Date): Promise<RequestRow[]> {
  return db
    .select()
    .from(serviceRequests)
    .where(
      sql`(${serviceRequests.status} = 'submitted' AND ${serviceRequests.acknowledgeRemindAt} <= ${now} AND ${serviceRequests.remindedStep} IS DISTINCT FROM 'acknowledge')
       OR (${serviceRequests.status} = 'accepted' AND ${serviceRequests.resolveRemindAt} <= ${now} AND ${serviceRequests.remindedStep} IS DISTINCT FROM 'resolve')`,
    );
}

/** Where a request of `route`'s category from `enterpriseId` goes (an `enterprise-zone` rule: the enterprise's zone). */
export async function resolveTarget(db: Db, route: typeof serviceRequestRoutes.$inferSelect, enterpriseId: string): Promise<{ kind: string; id: string } | null> {
  if (route.targetKind !== 'enterprise-zone') return route.targetId ? { kind: route.targetKind, id: route.targetId } : null;
  const [row] = await db.select({ zoneId: enterprises.zoneId }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  return row?.zoneId ? { kind: 'zone', id: row.zoneId } : null;
}

/** Active provider accounts acting for a platform (notifications address them by id: the inbox has no platform scope). */
export async function platformAccountIds(db: Db, platformId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'platform'), eq(users.scopeKind, 'platform'), eq(users.scopeId, platformId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
