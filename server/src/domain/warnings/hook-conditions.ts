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

/** A present tenancy with a recorded lease end (the carrier ladder). */
export interface LeaseFact {
  tenancyId: string;
  enterpriseId: string;
  enterpriseName: string;
  carrierName: string;
  zoneId: string | null;
  leaseEndOn: string;
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

/** `day` plus `months` calendar months, the 31st of a shorter month becoming its last day. */
function addCalendarMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * `carrier-lease-expiring`: every present tenancy whose lease ends on or before today + `months` calendar
 * months (a lease already past its end while the tenant stays fires too). The subject is the tenancy; the
 * carrier's zone owns it, so the park renews the lease or plans the move.
 */
export function leaseExpiringFindings(leases: readonly LeaseFact[], params: { months: number }, today: string): Finding[] {
  const horizon = addCalendarMonths(today, params.months);
  return leases
    .filter((l) => l.leaseEndOn <= horizon)
    .map((l) => {
      const days = daysBetween(today, l.leaseEndOn);
      return {
        subjectKey: l.tenancyId,
        subjectLabel: `${l.enterpriseName} · ${l.carrierName}`,
        level: null,
        period: null,
        explanationZh: days >= 0 ? `租约 ${l.leaseEndOn} 到期（剩 ${days} 天），请续签或安排去向` : `租约已于 ${l.leaseEndOn} 到期 ${-days} 天，企业仍在租`,
        explanationEn: days >= 0 ? `The lease ends on ${l.leaseEndOn} (${days} days left); renew it or plan the move` : `The lease ended on ${l.leaseEndOn}, ${-days} days ago, and the tenant stays`,
        facts: { leaseEndOn: l.leaseEndOn, daysLeft: days, carrier: l.carrierName },
        refs: { zoneId: l.zoneId, enterpriseId: l.enterpriseId },
      };
    });
}
