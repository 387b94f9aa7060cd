import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { projects } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which projects an actor may see. Every query on projects
 * goes through it; a lookup that does not is named `unsafe…` and says why.
 *
 * - leader, commission: every project;
 * - department: the projects it is responsible for (责任单位);
 * - park: the projects located in its zone;
 * - enterprise: the projects it invests in (增资扩产 by a registered enterprise);
 * - expert (reviews come with a later issue), administrators, no role: nothing.
 */
export function projectScope(actor: Actor): SQL {
  const notDeleted = sql`${projects.deletedAt} IS NULL`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
      return notDeleted;
    case 'department':
      return actor.scope?.kind === 'department' ? sql`${notDeleted} AND ${eq(projects.responsibleDepartmentId, actor.scope.id)}` : sql`false`;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`${notDeleted} AND ${eq(projects.zoneId, actor.scope.id)}` : sql`false`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${notDeleted} AND ${eq(projects.investorEnterpriseId, actor.scope.id)}` : sql`false`;
    default:
      return sql`false`;
  }
}

/**
 * Projects an actor may change (update, stage changes, follow-ups, import over): the commission all, a
 * department those it is responsible for; never wider than projectScope.
 */
export function projectWriteScope(actor: Actor): SQL {
  return actor.role === 'commission' || actor.role === 'department' ? projectScope(actor) : sql`false`;
}

/** May the actor make `departmentId` responsible for a project (create it so, or hand it over)? */
export function canAssignProjectDepartment(actor: Actor, departmentId: string | null): boolean {
  if (actor.role === 'commission') return true;
  if (actor.role === 'department') return actor.scope?.kind === 'department' && departmentId === actor.scope.id;
  return false;
}

/** Soft-deleted projects that can be restored: the commission only. */
export function deletedProjectScope(actor: Actor): SQL {
  return actor.role === 'commission' ? sql`${projects.deletedAt} IS NOT NULL` : sql`false`;
}
