import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';

/**
 * SECURITY INVARIANT — which supervision items an actor may see (issue 12 §2). The one scope function of the
 * feature: every list, board, detail, report, export and attachment check filters items through it.
 *   commission, leader: every item;
 *   department: the items where it is the unit (lead or co), the co-units' sub-items under the items it
 *     leads (it consolidates their reports), and the lead item a co sub-item of its belongs to (it reports
 *     against that item's milestones) — nothing else of another department;
 *   park: the items where its zone is the unit;
 *   anyone else: none.
 * The predicate is written against the table alias `si` (SELECT … FROM supervision_items si).
 */
export function itemScopeSql(actor: Actor): SQL {
  if (actor.role === 'commission' || actor.role === 'leader') return sql`true`;
  if (actor.role === 'department' && actor.scope?.kind === 'department') {
    const d = actor.scope.id;
    return sql`(si.department_id = ${d}
      OR si.parent_id IN (SELECT p.id FROM supervision_items p WHERE p.department_id = ${d})
      OR si.id IN (SELECT c.parent_id FROM supervision_items c WHERE c.department_id = ${d} AND c.parent_id IS NOT NULL))`;
  }
  if (actor.role === 'park' && actor.scope?.kind === 'zone') return sql`si.zone_id = ${actor.scope.id}`;
  return sql`false`;
}

/** May the actor write progress reports (and propose milestones) for this item: only as its own unit. */
export function isItemUnit(actor: Actor, item: { departmentId: string | null; zoneId: string | null }): boolean {
  if (actor.role === 'department' && actor.scope?.kind === 'department') return item.departmentId === actor.scope.id;
  if (actor.role === 'park' && actor.scope?.kind === 'zone') return item.zoneId === actor.scope.id;
  return false;
}

/** The board's unit ranking names every unit: the commission and the leader read it whole; a unit its own row. */
export function seesAllUnits(actor: Actor): boolean {
  return actor.role === 'commission' || actor.role === 'leader';
}
