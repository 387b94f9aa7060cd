/**
 * A department sees its own tasks first: those it leads, then those it co-operates on, then the rest, each
 * group in the plan's order (tasks before safeguards, by number). Pure: no I/O.
 */
export type UnitRole = 'lead' | 'co';

export interface OrderableTask {
  units: readonly { role: UnitRole; departmentId: string | null }[];
}

/** The role a department has on a task: lead wins over co when the text names it twice. */
export function roleOfDepartment(task: OrderableTask, departmentId: string | null): UnitRole | null {
  if (!departmentId) return null;
  const roles = task.units.filter((u) => u.departmentId === departmentId).map((u) => u.role);
  return roles.includes('lead') ? 'lead' : roles.includes('co') ? 'co' : null;
}

const RANK: Record<UnitRole | 'none', number> = { lead: 0, co: 1, none: 2 };

export function orderTasksForDepartment<T extends OrderableTask>(tasks: readonly T[], departmentId: string | null): { task: T; myRole: UnitRole | null }[] {
  return tasks
    .map((task, index) => ({ task, index, myRole: roleOfDepartment(task, departmentId) }))
    .sort((a, b) => RANK[a.myRole ?? 'none'] - RANK[b.myRole ?? 'none'] || a.index - b.index)
    .map(({ task, myRole }) => ({ task, myRole }));
}
