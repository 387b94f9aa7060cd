import type { Finding } from './facts.ts';

/** A supervision item the supervision feature reports red (overdue milestone, or report missing past its deadline). */
export interface OverdueItemFact {
  itemId: string;
  task: string;
  measure: string;
  unit: string;
  departmentId: string | null;
  zoneId: string | null;
  /** YYYY-MM-DD, or null when the lateness is a missing report without one date. */
  due: string | null;
  reasons: readonly { zh: string; en: string }[];
}

/** An enterprise request whose current step is past its working-time limit. */
export interface LateRequestFact {
  id: string;
  code: string;
  title: string;
  enterpriseId: string;
  step: 'acknowledge' | 'resolve';
  dueAt: Date;
  targetKind: string;
  targetId: string;
}

const DAY_MS = 86_400_000;

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

/**
 * `supervision-item-overdue`: every red item, once its due day is more than `graceDays` behind today (an item
 * red without a due day — a missing report — fires at once). One finding per item: the subject is the item.
 */
export function supervisionOverdueFindings(items: readonly OverdueItemFact[], params: { graceDays: number }, today: string): Finding[] {
  return items
    .filter((i) => i.due === null || daysBetween(i.due, today) > params.graceDays)
    .map((i) => ({
      subjectKey: i.itemId,
      subjectLabel: `${i.task} · ${i.measure} · ${i.unit}`,
      level: null,
      period: null,
      explanationZh: `督办事项逾期${i.due ? `（节点 ${i.due}）` : ''}：${i.reasons.map((r) => r.zh).join('；') || '未按期完成'}`,
      explanationEn: `Supervision item overdue${i.due ? ` (due ${i.due})` : ''}: ${i.reasons.map((r) => r.en).join('; ') || 'not done on time'}`,
      facts: { due: i.due, unit: i.unit, reasons: i.reasons.map((r) => r.zh) },
      refs: { departmentId: i.departmentId, zoneId: i.zoneId },
    }));
}

/**
 * `request-past-sla`: every request whose current step is more than `graceDays` past its due instant. The
 * handler it is routed to owns the warning: a department directly, a zone's park through the zone.
 */
export function requestPastSlaFindings(requests: readonly LateRequestFact[], params: { graceDays: number }, now: Date): Finding[] {
  return requests
    .filter((r) => now.getTime() - r.dueAt.getTime() > params.graceDays * DAY_MS)
    .map((r) => {
      const stepZh = r.step === 'acknowledge' ? '受理' : '办结';
      const stepEn = r.step === 'acknowledge' ? 'acknowledgement' : 'resolution';
      const hours = Math.floor((now.getTime() - r.dueAt.getTime()) / 3_600_000);
      return {
        subjectKey: r.code,
        subjectLabel: `${r.code} ${r.title}`,
        level: null,
        period: null,
        explanationZh: `企业诉求${stepZh}超时 ${hours} 小时（时限 ${r.dueAt.toISOString()}）`,
        explanationEn: `Enterprise request ${stepEn} ${hours} h past its limit (${r.dueAt.toISOString()})`,
        facts: { step: r.step, dueAt: r.dueAt.toISOString(), targetKind: r.targetKind },
        refs: {
          enterpriseId: r.enterpriseId,
          departmentId: r.targetKind === 'department' ? r.targetId : null,
          zoneId: r.targetKind === 'zone' ? r.targetId : null,
        },
      };
    });
}
