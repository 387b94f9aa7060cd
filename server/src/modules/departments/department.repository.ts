import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DepartmentReferences } from '../../../../contracts/departments.ts';
import type { Db } from '../../db/client.ts';
import { departments, planTaskUnits, planVersions, projects, users } from '../../db/schema/index.ts';

export type DepartmentRow = typeof departments.$inferSelect;

export interface DepartmentFilter {
  q?: string | undefined;
  sort?: 'sortOrder' | 'code' | 'name' | 'updatedAt' | undefined;
  order?: 'asc' | 'desc' | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

export async function listDepartments(db: Db, scope: SQL, filter: DepartmentFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [scope];
  if (filter.q) {
    const like = escapeLike(filter.q);
    conditions.push(or(ilike(departments.nameZh, like), ilike(departments.shortNameZh, like), ilike(departments.nameEn, like), ilike(departments.code, like))!);
  }
  const where = and(...conditions)!;
  const column =
    filter.sort === 'code' ? departments.code : filter.sort === 'name' ? departments.nameZh : filter.sort === 'updatedAt' ? departments.updatedAt : departments.sortOrder;
  const direction = filter.order === 'desc' ? desc : asc;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(departments)
      .where(where)
      .orderBy(direction(column), asc(departments.code), asc(departments.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(departments).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function findDepartment(db: Db, scope: SQL, id: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(and(scope, eq(departments.id, id)));
  return row;
}

/**
 * The live records that point at a department. Only references that would be left dangling count: the
 * active plan version's task units (drafts and archived versions keep their history), projects not deleted,
 * and accounts that can still sign in. Follow-up log entries name the department that visited and stay valid.
 */
export async function countDepartmentReferences(db: Db, id: string): Promise<DepartmentReferences> {
  const [[tasks], [projectCount], [userCount]] = await Promise.all([
    db
      .select({ n: sql<number>`count(DISTINCT ${planTaskUnits.taskId})::int` })
      .from(planTaskUnits)
      .innerJoin(planVersions, eq(planVersions.id, planTaskUnits.versionId))
      .where(and(eq(planTaskUnits.departmentId, id), eq(planVersions.status, 'active'))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projects)
      .where(and(eq(projects.responsibleDepartmentId, id), isNull(projects.deletedAt))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.scopeKind, 'department'), eq(users.scopeId, id), eq(users.status, 'active'))),
  ]);
  return { planTasks: tasks?.n ?? 0, projects: projectCount?.n ?? 0, users: userCount?.n ?? 0 };
}
