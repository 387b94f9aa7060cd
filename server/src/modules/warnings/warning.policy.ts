import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';

/**
 * SECURITY INVARIANT — the one place that decides which warnings an actor sees and acts on (alias `w`):
 *  - commission: every warning, and acts on every one;
 *  - leader: reads every warning, acts on none (escalations reach the leaders to be read);
 *  - park: the warnings whose subject lies in its own zone, and acts on those its role owns;
 *  - department: the warnings whose subject it is responsible for (its projects, its supervision items), and
 *    acts on those its role owns;
 *  - enterprise and anyone else: none. A warning about an enterprise is the government's follow-up signal,
 *    not a notice to the firm (docs/decisions/0018-warnings.md); the enterprise sees its own figures and its
 *    report reminders elsewhere.
 * Every list, read, action and roll-up goes through these predicates.
 */
export function warningReadScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'commission':
    case 'leader':
      return sql`TRUE`;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`w.zone_id = ${actor.scope.id}::uuid` : sql`FALSE`;
    case 'department':
      return actor.scope?.kind === 'department' ? sql`w.department_id = ${actor.scope.id}::uuid` : sql`FALSE`;
    default:
      return sql`FALSE`;
  }
}

export function warningActScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'commission':
      return sql`TRUE`;
    case 'park':
    case 'department':
      return sql`${warningReadScope(actor)} AND w.owner_role = ${actor.role}`;
    default:
      return sql`FALSE`;
  }
}
