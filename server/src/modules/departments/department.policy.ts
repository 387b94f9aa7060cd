import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';
import { departments } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the department registry (docs/decisions/0005):
 * - the commission keeps it (create, edit, delete, restore) and reads every department;
 * - district leaders and park committees read every department (they coordinate with the responsible units
 *   of the projects and tasks they follow);
 * - a `department` account reads its own department only; any other department answers 404;
 * - enterprises, providers and administrators read none (the names they need for forms come from
 *   /api/reference/departments, without contacts).
 */
function readable(scope: Scope): SQL {
  const live = sql`${departments.deletedAt} IS NULL`;
  switch (scope.kind) {
    case 'district':
    case 'zone':
      return live;
    case 'department':
      return sql`${live} AND ${inIds(departments.id, scope.ids)}`;
    default:
      return sql`false`;
  }
}
function writable(scope: Scope): SQL {
  return managesDistrict(scope) ? readable(scope) : sql`false`;
}

export const departmentAccess = registerAccess({
  entity: 'department',
  ids: { table: departments, id: departments.id },
  rules: {
    read: readable,
    write: writable,
    delete: writable,
    restore: (scope) => (managesDistrict(scope) ? sql`${departments.deletedAt} IS NOT NULL` : sql`false`),
  },
});

export const departmentScope = (actor: Actor): SQL => departmentAccess.predicate(actor, 'read');
export const departmentWriteScope = (actor: Actor): SQL => departmentAccess.predicate(actor, 'write');
export const deletedDepartmentScope = (actor: Actor): SQL => departmentAccess.predicate(actor, 'restore');
