import type { Actor } from '../../app/actor.ts';
import { scopeOf, singleId } from '../../access/index.ts';

/**
 * Who reads what of the plan. The plan is the district's published policy: every business role reads all of it
 * (the route permission `plan.read` decides who is a reader; administrators are not), so there is no row scope.
 * What depends on the viewer is only the order of tasks: a department sees the tasks it leads or co-operates
 * on first. Writes (`plan.manage`) are the commission's.
 */
export function viewerDepartmentId(actor: Actor): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'department' ? singleId(scope.ids) : null;
}
