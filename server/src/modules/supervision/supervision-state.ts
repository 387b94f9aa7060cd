import type { ItemSummary, StatusColour } from '../../../../contracts/supervision.ts';
import type { Db } from '../../db/client.ts';
import { rankUnits, type UnitFacts, type UnitScore } from '../../domain/supervision/scoring.ts';
import { owedPeriods, reportDueOn } from '../../domain/supervision/periods.ts';
import { evaluateItemStatus, type ItemStatus, type MilestoneFacts, type MilestoneProgress, type StatusRule, type StatusRuleCode } from '../../domain/supervision/status.ts';
import { taskDisplayLabel } from '../../domain/supervision/task-label.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import {
  activeSourceTexts,
  listActiveClauseUnits,
  listAllItems,
  listMilestones,
  listReportsOfYear,
  listStatusRules,
  listWorkPlans,
  type ClauseUnitRow,
  type ItemRow,
  type MilestoneRow,
  type ReportRow,
  type WorkPlanRow,
} from './supervision.repository.ts';

/**
 * The supervision state of one year, computed on read from the stored facts and the colour rules: editing a
 * rule, a milestone or a report changes the next board with nothing to recompute or keep in step.
 */
export interface ClauseInfo {
  taskKey: string;
  task: string;
  taskTitle: string;
  taskOrdinal: number;
  measureTitle: string;
  measureBody: string;
  measureOrdinal: number;
}

export interface ComputedItem {
  row: ItemRow;
  clause: ClauseInfo;
  workPlan: WorkPlanRow | null;
  milestones: MilestoneRow[];
  progress: Map<string, MilestoneProgress>;
  reports: ReportRow[];
  status: ItemStatus;
  summary: ItemSummary;
}

export interface YearState {
  year: number;
  asOf: string;
  items: ComputedItem[];
  rules: StatusRule[];
  dueDays: number;
}

export function clauseInfoOf(rows: readonly ClauseUnitRow[], texts: Map<string, string>): Map<string, ClauseInfo> {
  const map = new Map<string, ClauseInfo>();
  for (const r of rows) {
    if (map.has(r.measureKey)) continue;
    map.set(r.measureKey, {
      taskKey: r.taskKey,
      task: taskDisplayLabel(texts.get(r.versionId) ?? '', r.taskSourceStart, r.taskLabel, r.taskOrdinal),
      taskTitle: r.taskTitle,
      taskOrdinal: r.taskOrdinal,
      measureTitle: r.measureTitle,
      measureBody: r.measureBody,
      measureOrdinal: r.measureOrdinal,
    });
  }
  return map;
}

const num = (v: string | number) => Number(v);

export async function loadYearState(db: Db, year: number, now: Date): Promise<YearState> {
  const asOf = shanghaiDay(now);
  const [clauseRows, texts, items, plans, reports, ruleRows] = await Promise.all([
    listActiveClauseUnits(db),
    activeSourceTexts(db),
    listAllItems(db),
    listWorkPlans(db, year),
    listReportsOfYear(db, year),
    listStatusRules(db),
  ]);
  const clauses = clauseInfoOf(clauseRows, texts);
  // Units in the order the policy names them (the lead first).
  const unitOrder = new Map(clauseRows.map((r, i) => [`${r.measureKey}\u0000${r.unitName}`, i]));
  const orderOf = (row: ItemRow) => unitOrder.get(`${row.clauseKey}\u0000${row.unitName}`) ?? Number.MAX_SAFE_INTEGER;
  const milestones = await listMilestones(db, plans.map((p) => p.id));
  const rules: StatusRule[] = ruleRows.map((r) => ({ code: r.code as StatusRuleCode, enabled: r.enabled, params: r.params ?? {} }));
  const dueDays = Number(ruleRows.find((r) => r.code === 'report-missing')?.params?.dueDays ?? 10);
  const planOf = new Map(plans.map((p) => [p.itemId, p]));
  const reportsOf = new Map<string, ReportRow[]>();
  for (const r of reports) reportsOf.set(r.itemId, [...(reportsOf.get(r.itemId) ?? []), r]);
  const byId = new Map(items.map((i) => [i.id, i]));

  const computed: ComputedItem[] = [];
  for (const row of items) {
    if (!row.isActive) continue;
    const clause = clauses.get(row.clauseKey);
    if (!clause) continue;
    // A co-unit's sub-item reports against its lead item's milestones.
    const leadId = row.parentId ?? row.id;
    const workPlan = planOf.get(leadId) ?? null;
    const ms = workPlan ? milestones.filter((m) => m.workPlanId === workPlan.id) : [];
    const own = reportsOf.get(row.id) ?? [];
    const progress = new Map<string, MilestoneProgress>();
    // A returned report's claims are disputed: milestone progress comes from the reports still standing.
    for (const report of own) if (report.status !== 'returned') for (const m of report.milestones) progress.set(m.milestoneId, m.status as MilestoneProgress);
    const facts: MilestoneFacts[] = ms.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, weight: num(m.weight), progress: progress.get(m.id) ?? 'not-started' }));
    const status = evaluateItemStatus(
      { year, cycle: row.cycle, planSetOn: workPlan ? shanghaiDay(workPlan.createdAt) : null, milestones: facts, reports: own.map((r) => ({ period: r.period, status: r.status, percent: num(r.percent) })) },
      rules,
      asOf,
    );
    const last = own[own.length - 1];
    computed.push({
      row,
      clause,
      workPlan,
      milestones: ms,
      progress,
      reports: own,
      status,
      summary: {
        id: row.id,
        key: row.clauseKey,
        taskKey: clause.taskKey,
        task: clause.task,
        taskTitle: clause.taskTitle,
        measureTitle: clause.measureTitle,
        unit: row.unitName,
        departmentId: row.departmentId,
        role: row.role,
        parentId: row.parentId && byId.get(row.parentId)?.isActive ? row.parentId : null,
        cycle: row.cycle,
        status: status.status,
        reasons: status.reasons,
        due: status.due,
        percent: status.percent,
        expectedPercent: Math.round(status.expectedPercent * 10) / 10,
        lastReport: last ? { period: last.period, status: last.status, isLate: last.isLate } : null,
        version: row.version,
      },
    });
  }
  computed.sort((a, b) => a.clause.taskOrdinal - b.clause.taskOrdinal || a.clause.measureOrdinal - b.clause.measureOrdinal || (a.row.role === b.row.role ? orderOf(a.row) - orderOf(b.row) : a.row.role === 'lead' ? -1 : 1));
  return { year, asOf, items: computed, rules, dueDays };
}

/** The unit facts behind the board's score (scoring.ts), from the items of each unit. */
export function unitScores(state: YearState, items: readonly ComputedItem[]): (UnitScore & { items: number; colours: Record<StatusColour, number> })[] {
  const facts = new Map<string, UnitFacts & { items: number; colours: Record<StatusColour, number> }>();
  for (const item of items) {
    const name = item.row.unitName;
    const f = facts.get(name) ?? { name, reportsOwed: 0, reportsOnTime: 0, milestoneWeightDue: 0, milestoneWeightDone: 0, reportsReviewed: 0, reportsAcceptedFirstTime: 0, overdueItems: 0, items: 0, colours: { green: 0, blue: 0, yellow: 0, red: 0 } };
    f.items++;
    f.colours[item.status.status]++;
    if (item.status.status === 'red') f.overdueItems++;
    const owed = item.workPlan ? owedPeriods(state.year, item.row.cycle, shanghaiDay(item.workPlan.createdAt), state.asOf).filter((p) => reportDueOn(p, state.dueDays) < state.asOf) : [];
    const periods = new Set([...owed, ...item.reports.map((r) => r.period)]);
    f.reportsOwed += periods.size;
    f.reportsOnTime += item.reports.filter((r) => !r.isLate).length;
    if (item.row.role === 'lead') {
      for (const m of item.milestones) {
        if (m.dueOn > state.asOf) continue;
        f.milestoneWeightDue += num(m.weight);
        if (item.progress.get(m.id) === 'done') f.milestoneWeightDone += num(m.weight);
      }
    }
    for (const r of item.reports) {
      if (r.status === 'accepted' || r.status === 'returned' || r.revision > 1) f.reportsReviewed++;
      if (r.status === 'accepted' && r.revision === 1) f.reportsAcceptedFirstTime++;
    }
    facts.set(name, f);
  }
  const ranked = rankUnits([...facts.values()]);
  return ranked.map((u) => ({ ...u, items: facts.get(u.name)!.items, colours: facts.get(u.name)!.colours }));
}
