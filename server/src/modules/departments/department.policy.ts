import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { departments } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the department registry (docs/decisions/0005):
 * - the commission keeps it (create, edit, delete, restore) and reads every department;
 * - district leaders and park committees read every department (they coordinate with the responsible units
 *   of the projects and tasks they follow);
 * - a `department` account reads its own department only; any other department answers 404;
 * - enterprises, experts and administrators read none (the names they need for forms come from
 *   /api/reference/departments, without contacts).
 */
export function departmentScope(actor: Actor): SQL {
  const live = sql`${departments.deletedAt} IS NULL`;
  switch (actor.role) {
    case 'commission':
    case 'leader':
    case 'park':
      return live;
    case 'department':
      return actor.scope?.kind === 'department' ? sql`${live} AND ${departments.id} = ${actor.scope.id}` : sql`false`;
    default:
      return sql`false`;
  }
}

export function departmentWriteScope(actor: Actor): SQL {
  return actor.role === 'commission' ? departmentScope(actor) : sql`false`;
}

export function deletedDepartmentScope(actor: Actor): SQL {
  return actor.role === 'commission' ? sql`${departments.deletedAt} IS NOT NULL` : sql`false`;
}
