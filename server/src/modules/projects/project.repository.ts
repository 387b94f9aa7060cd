import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { PROJECT_STAGES, type ProjectFilter as ContractFilter } from '../../../../contracts/projects.ts';
import type { Db } from '../../db/client.ts';
import {
  chainNodesTable,
  departments,
  domains,
  enterprises,
  projectChainNodes,
  projectFollowUps,
  projects,
  projectStageEvents,
  projectStages,
  zones,
} from '../../db/schema/index.ts';
import type { StageDates } from '../../domain/projects/stages.ts';

export type ProjectFilter = Partial<Omit<ContractFilter, 'order'>> & { order?: 'asc' | 'desc' | undefined };
export type ProjectRow = typeof projects.$inferSelect;

const STAGE_ARRAY = sql.raw(`ARRAY[${PROJECT_STAGES.map((s) => `'${s}'`).join(',')}]::text[]`);
const stagePosition = (column: SQL | typeof projects.stage) => sql`array_position(${STAGE_ARRAY}, ${column})`;

const listColumns = {
  row: projects,
  domainCode: domains.code,
  domainName: domains.nameZh,
  zoneCode: zones.code,
  zoneName: zones.nameZh,
  departmentCode: departments.code,
  departmentName: departments.shortNameZh,
  investorId: enterprises.id,
  investorEnterpriseName: enterprises.name,
  investorUscc: enterprises.uscc,
  lastFollowUpOn: sql<string | null>`(SELECT max(${projectFollowUps.occurredOn})::text FROM ${projectFollowUps} WHERE ${projectFollowUps.projectId} = ${projects.id})`,
};

export type ProjectListRow = {
  row: ProjectRow;
  domainCode: string | null;
  domainName: string | null;
  zoneCode: string | null;
  zoneName: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  investorId: string | null;
  investorEnterpriseName: string | null;
  investorUscc: string | null;
  lastFollowUpOn: string | null;
};

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/** Projects with a stage not yet reached whose planned date is before `today`. */
export function overdueCondition(today: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${projectStages} WHERE ${projectStages.projectId} = ${projects.id} AND ${projectStages.actualOn} IS NULL
    AND ${projectStages.plannedOn} < ${today}::date AND ${stagePosition(sql`${projectStages.stage}`)} > ${stagePosition(projects.stage)})`;
}

function filterOf(scope: SQL, filter: ProjectFilter, today: string): SQL {
  const conditions: SQL[] = [scope];
  if (filter.q) {
    const like = escapeLike(filter.q);
    conditions.push(or(ilike(projects.name, like), ilike(projects.code, like), ilike(projects.investorName, like))!);
  }
  if (filter.domain) conditions.push(eq(domains.code, filter.domain));
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  if (filter.stage) conditions.push(eq(projects.stage, filter.stage));
  if (filter.department) conditions.push(eq(departments.code, filter.department));
  if (filter.investor) conditions.push(eq(projects.investorEnterpriseId, filter.investor));
  if (filter.node) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${projectChainNodes} JOIN ${chainNodesTable} ON ${chainNodesTable.id} = ${projectChainNodes.nodeId}
                  WHERE ${projectChainNodes.projectId} = ${projects.id} AND ${chainNodesTable.code} = ${filter.node})`,
    );
  }
  if (filter.overdue === true) conditions.push(overdueCondition(today));
  if (filter.overdue === false) conditions.push(sql`NOT ${overdueCondition(today)}`);
  return and(...conditions)!;
}

function orderOf(filter: ProjectFilter) {
  const direction = filter.order === 'desc' ? desc : asc;
  const column =
    filter.sort === 'stage'
      ? stagePosition(projects.stage)
      : filter.sort === 'totalInvestment'
        ? projects.totalInvestment
        : filter.sort === 'expectedAnnualOutput'
          ? projects.expectedAnnualOutput
          : filter.sort === 'updatedAt'
            ? projects.updatedAt
            : filter.sort === 'name'
              ? projects.name
              : projects.code;
  return [direction(column), asc(projects.id)];
}

function joined(db: Db) {
  return db
    .select(listColumns)
    .from(projects)
    .leftJoin(domains, eq(domains.id, projects.domainId))
    .leftJoin(zones, eq(zones.id, projects.zoneId))
    .leftJoin(departments, eq(departments.id, projects.responsibleDepartmentId))
    .leftJoin(enterprises, eq(enterprises.id, projects.investorEnterpriseId));
}

/** Lists projects within `scope` (from projectScope). */
export async function listProjects(db: Db, scope: SQL, filter: ProjectFilter, page: number, pageSize: number, today: string) {
  const where = filterOf(scope, filter, today);
  const [items, [count]] = await Promise.all([
    joined(db)
      .where(where)
      .orderBy(...orderOf(filter))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .leftJoin(domains, eq(domains.id, projects.domainId))
      .leftJoin(zones, eq(zones.id, projects.zoneId))
      .leftJoin(departments, eq(departments.id, projects.responsibleDepartmentId))
      .where(where),
  ]);
  return { items: items as ProjectListRow[], total: count?.n ?? 0 };
}

export async function* iterateProjects(db: Db, scope: SQL, filter: ProjectFilter, today: string, batch = 500) {
  for (let page = 1; ; page++) {
    const { items } = await listProjects(db, scope, filter, page, batch, today);
    yield* items;
    if (items.length < batch) return;
  }
}

export async function findProject(db: Db, scope: SQL, id: string): Promise<ProjectListRow | undefined> {
  const [row] = await joined(db).where(and(scope, eq(projects.id, id)));
  return row as ProjectListRow | undefined;
}

export async function findProjectRow(db: Db, scope: SQL, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(and(scope, eq(projects.id, id)));
  return row;
}

/** Stage dates of several projects: id → the seven stages in order. */
export async function stagesOf(db: Db, ids: readonly string[]): Promise<Map<string, StageDates[]>> {
  const result = new Map<string, StageDates[]>();
  if (ids.length === 0) return result;
  const rows = await db.select().from(projectStages).where(inArray(projectStages.projectId, [...ids]));
  for (const id of ids) {
    const own = rows.filter((r) => r.projectId === id);
    result.set(
      id,
      PROJECT_STAGES.map((stage) => {
        const r = own.find((x) => x.stage === stage);
        return { stage, plannedOn: r?.plannedOn ?? null, actualOn: r?.actualOn ?? null };
      }),
    );
  }
  return result;
}

export async function writeStages(tx: Db, projectId: string, stages: readonly StageDates[]): Promise<void> {
  for (const s of stages) {
    await tx
      .insert(projectStages)
      .values({ projectId, stage: s.stage, plannedOn: s.plannedOn, actualOn: s.actualOn })
      .onConflictDoUpdate({ target: [projectStages.projectId, projectStages.stage], set: { plannedOn: s.plannedOn, actualOn: s.actualOn } });
  }
}

export async function nodesOfProjects(db: Db, ids: readonly string[]) {
  const result = new Map<string, { code: string; name: string; stage: string }[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .select({ projectId: projectChainNodes.projectId, code: chainNodesTable.code, name: chainNodesTable.nameZh, stage: chainNodesTable.stage })
    .from(projectChainNodes)
    .innerJoin(chainNodesTable, eq(chainNodesTable.id, projectChainNodes.nodeId))
    .where(and(inArray(projectChainNodes.projectId, [...ids]), isNull(chainNodesTable.deletedAt)))
    // The chain's own order, so a project's nodes read the same on every engine and in every view.
    .orderBy(chainNodesTable.sortOrder, chainNodesTable.code);
  for (const r of rows) result.set(r.projectId, [...(result.get(r.projectId) ?? []), { code: r.code, name: r.name, stage: r.stage }]);
  return result;
}

export async function replaceProjectNodes(tx: Db, projectId: string, nodeIds: readonly string[]): Promise<void> {
  await tx.delete(projectChainNodes).where(eq(projectChainNodes.projectId, projectId));
  const unique = [...new Set(nodeIds)];
  if (unique.length) await tx.insert(projectChainNodes).values(unique.map((nodeId) => ({ projectId, nodeId })));
}

export async function eventsOf(db: Db, projectId: string) {
  return db.select().from(projectStageEvents).where(eq(projectStageEvents.projectId, projectId)).orderBy(asc(projectStageEvents.id));
}

export async function followUpsOf(db: Db, projectId: string) {
  return db
    .select({ f: projectFollowUps, departmentCode: departments.code, departmentName: departments.shortNameZh })
    .from(projectFollowUps)
    .leftJoin(departments, eq(departments.id, projectFollowUps.departmentId))
    .where(eq(projectFollowUps.projectId, projectId))
    .orderBy(desc(projectFollowUps.occurredOn), desc(projectFollowUps.createdAt));
}

/**
 * unsafeFindProjectsByCode — outside any scope, because project codes are unique district-wide: the import
 * uses it to tell "new" from "existing" and must not reveal a found row outside the caller's scope.
 */
export async function unsafeFindProjectsByCode(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: projects.id, code: projects.code, deletedAt: projects.deletedAt, responsibleDepartmentId: projects.responsibleDepartmentId })
    .from(projects)
    .where(inArray(projects.code, [...codes]));
}

/** Registered enterprises by credit code (investor links); same caveat: only ids are used, never shown. */
export async function unsafeEnterpriseIdsByUscc(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: enterprises.id, uscc: enterprises.uscc })
    .from(enterprises)
    .where(and(inArray(enterprises.uscc, [...codes]), sql`${enterprises.deletedAt} IS NULL`));
  return new Map(rows.map((r) => [r.uscc, r.id]));
}
