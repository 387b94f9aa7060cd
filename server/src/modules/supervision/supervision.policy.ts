import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, singleId, type Scope } from '../../access/index.ts';

/**
 * SECURITY INVARIANT — which supervision items an actor may see (issue 12 §2). The one scope rule of the
 * feature, registered with the access layer (docs/decisions/0017): every list, board, detail, report, export
 * and attachment check filters items through it.
 *   district (commission, leader): every item;
 *   department: the items where it is the unit (lead or co), the co-units' sub-items under the items it
 *     leads (it consolidates their reports), and the lead item a co sub-item of its belongs to (it reports
 *     against that item's milestones) — nothing else of another department;
 *   zone (park): the items where its zone is the unit;
 *   anyone else: none.
 * The predicate is written against the table alias `si` (SELECT … FROM supervision_items si).
 */
function readable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'department': {
      if (scope.ids.length === 0) return sql`false`;
      const own = (column: SQL) => inIds(column, scope.ids);
      return sql`(${own(sql`si.department_id`)}
        OR si.parent_id IN (SELECT p.id FROM supervision_items p WHERE ${own(sql`p.department_id`)})
        OR si.id IN (SELECT c.parent_id FROM supervision_items c WHERE ${own(sql`c.department_id`)} AND c.parent_id IS NOT NULL))`;
    }
    case 'zone':
      return inIds(sql`si.zone_id`, scope.ids);
    default:
      return sql`false`;
  }
}

/** Reporting progress and proposing milestones: only the item's own unit (never the related items). */
function ownUnit(scope: Scope): SQL {
  if (scope.kind === 'department') return inIds(sql`si.department_id`, scope.ids);
  if (scope.kind === 'zone') return inIds(sql`si.zone_id`, scope.ids);
  return sql`false`;
}

export const supervisionItemAccess = registerAccess({
  entity: 'supervision-item',
  ids: { from: sql`supervision_items si`, id: sql`si.id` },
  rules: { read: readable, report: ownUnit },
});

export const itemScopeSql = (actor: Actor): SQL => supervisionItemAccess.predicate(actor, 'read');

/** May the actor write progress reports (and propose milestones) for this loaded item: only as its own unit. */
export function isItemUnit(actor: Actor, item: { departmentId: string | null; zoneId: string | null }): boolean {
  const scope = scopeOf(actor);
  if (scope.kind === 'department') return item.departmentId !== null && scope.ids.includes(item.departmentId);
  if (scope.kind === 'zone') return item.zoneId !== null && scope.ids.includes(item.zoneId);
  return false;
}

/** The board's unit ranking names every unit: the district (commission, leader) reads it whole; a unit its own row. */
export function seesAllUnits(actor: Actor): boolean {
  return scopeOf(actor).kind === 'district';
}

/** The commission (district, manage): sets and confirms milestones, reviews reports, manages rules and links. */
export function managesItems(actor: Actor): boolean {
  return managesDistrict(scopeOf(actor));
}

/** The department a department account acts for (null for every other scope). */
export function ownDepartmentOf(actor: Actor): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'department' ? singleId(scope.ids) : null;
}
