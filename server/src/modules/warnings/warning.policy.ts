import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, registerAccess, type Scope } from '../../access/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which warnings an actor sees and acts on (alias `w`):
 *  - the commission (district, manage): every warning, and acts on every one;
 *  - a leader (district, read): reads every warning, acts on none (escalations reach the leaders to be read);
 *  - a park (zone): the warnings whose subject lies in its own zone, and acts on those its role owns;
 *  - a department: the warnings whose subject it is responsible for (its projects, its supervision items), and
 *    acts on those its role owns;
 *  - enterprises, providers and anyone else: none. A warning about an enterprise is the government's follow-up
 *    signal, not a notice to the firm (docs/decisions/0018-warnings.md); the enterprise sees its own figures
 *    and its report reminders elsewhere.
 * Registered with the access layer (docs/decisions/0017): every list, read, action, attachment and roll-up
 * goes through these rules.
 */
function readable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`TRUE`;
    case 'zone':
      return inIds(sql`w.zone_id`, scope.ids);
    case 'department':
      return inIds(sql`w.department_id`, scope.ids);
    default:
      return sql`FALSE`;
  }
}

/** Acting (acknowledge, handle, note, resolve, dismiss, attach): the commission, or the owning role in its scope. */
function actionable(scope: Scope): SQL {
  if (scope.kind === 'district') return scope.mode === 'manage' ? sql`TRUE` : sql`FALSE`;
  if (scope.kind === 'zone') return sql`${readable(scope)} AND w.owner_role = 'park'`;
  if (scope.kind === 'department') return sql`${readable(scope)} AND w.owner_role = 'department'`;
  return sql`FALSE`;
}

export const warningAccess = registerAccess({
  entity: 'warning',
  ids: { from: sql`warnings w`, id: sql`w.id` },
  rules: { read: readable, act: actionable },
});

export const warningReadScope = (actor: Actor): SQL => warningAccess.predicate(actor, 'read');
export const warningActScope = (actor: Actor): SQL => warningAccess.predicate(actor, 'act');
