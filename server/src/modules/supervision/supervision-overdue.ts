import type { Db } from '../../db/client.ts';
import { loadYearState } from './supervision-state.ts';
import { currentYear } from './supervision.service.ts';

export interface OverdueSupervisionItem {
  itemId: string;
  key: string;
  task: string;
  measure: string;
  unit: string;
  role: 'lead' | 'co';
  departmentId: string | null;
  zoneId: string | null;
  due: string | null;
  reasons: { rule: string; zh: string; en: string }[];
}

/**
 * The red items of the current year (overdue milestone, or a report missing after its deadline), for the
 * warning centre's rule and the escalation reminders. Every item: the caller is a job or a rule, not a user.
 */
export async function listOverdueSupervisionItems(db: Db, now: Date): Promise<OverdueSupervisionItem[]> {
  const state = await loadYearState(db, currentYear(now), now);
  return state.items
    .filter((i) => i.status.status === 'red')
    .map((i) => ({
      itemId: i.row.id,
      key: i.row.clauseKey,
      task: i.clause.task,
      measure: i.clause.measureTitle,
      unit: i.row.unitName,
      role: i.row.role,
      departmentId: i.row.departmentId,
      zoneId: i.row.zoneId,
      due: i.status.due,
      reasons: i.status.reasons.filter((r) => r.colour === 'red').map(({ rule, zh, en }) => ({ rule, zh, en })),
    }));
}
