import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { projects } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which projects an actor may see. Every query on projects
 * goes through it; a lookup that does not is named `unsafe…` and says why.
 *
 * - leader, commission: every project;
 * - department: the projects it is responsible for (责任单位);
 * - park: the projects located in its zone;
 * - enterprise: the projects it invests in (增资扩产 by a registered enterprise);
 * - providers (reviews come with a later issue), administrators, no role: nothing.
 */
function readable(scope: Scope): SQL {
  const notDeleted = sql`${projects.deletedAt} IS NULL`;
  switch (scope.kind) {
    case 'district':
      return notDeleted;
    case 'department':
      return sql`${notDeleted} AND ${inIds(projects.responsibleDepartmentId, scope.ids)}`;
    case 'zone':
      return sql`${notDeleted} AND ${inIds(projects.zoneId, scope.ids)}`;
    case 'enterprise':
      return sql`${notDeleted} AND ${inIds(projects.investorEnterpriseId, scope.ids)}`;
    default:
      return sql`false`;
  }
}

/**
 * Projects an actor may change (update, stage changes, follow-ups, import over): the commission all, a
 * department those it is responsible for; never wider than the read rule.
 */
function writable(scope: Scope): SQL {
  return managesDistrict(scope) || scope.kind === 'department' ? readable(scope) : sql`false`;
}

export const projectAccess = registerAccess({
  entity: 'project',
  ids: { table: projects, id: projects.id },
  rules: {
    read: readable,
    export: readable,
    write: writable,
    import: writable,
    // The route permission (project.delete) narrows deleting to the commission.
    delete: writable,
    // Soft-deleted projects that can be restored: the commission only.
    restore: (scope) => (managesDistrict(scope) ? sql`${projects.deletedAt} IS NOT NULL` : sql`false`),
    // Evidence files: where the actor may edit the project.
    attach: writable,
  },
});

export const projectScope = (actor: Actor): SQL => projectAccess.predicate(actor, 'read');
export const projectWriteScope = (actor: Actor): SQL => projectAccess.predicate(actor, 'write');
export const deletedProjectScope = (actor: Actor): SQL => projectAccess.predicate(actor, 'restore');

/** May the actor make `departmentId` responsible for a project (create it so, or hand it over)? */
export function canAssignProjectDepartment(actor: Actor, departmentId: string | null): boolean {
  const scope = scopeOf(actor);
  if (managesDistrict(scope)) return true;
  return scope.kind === 'department' && departmentId !== null && scope.ids.includes(departmentId);
}
