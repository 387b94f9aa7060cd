import type { ReportView } from '../../../../contracts/supervision.ts';
import type { ComputedItem } from './supervision-state.ts';
import type { ItemRow, ReportRow, RevisionRow } from './supervision.repository.ts';

/** The fields of a report a revision keeps: what the unit said, as it said it. */
export function reportSnapshot(row: ReportRow) {
  return {
    period: row.period,
    status: row.status,
    percent: Number(row.percent),
    milestones: row.milestones,
    doneText: row.doneText,
    problems: row.problems,
    nextSteps: row.nextSteps,
    helpNeeded: row.helpNeeded,
    isLate: row.isLate,
  };
}

export function presentReport(row: ReportRow, item: Pick<ItemRow, 'unitName' | 'role'>, revisions: readonly RevisionRow[]): ReportView {
  return {
    id: row.id,
    itemId: row.itemId,
    unit: item.unitName,
    role: item.role,
    period: row.period,
    status: row.status,
    revision: row.revision,
    percent: Number(row.percent),
    milestones: row.milestones as ReportView['milestones'],
    doneText: row.doneText,
    problems: row.problems,
    nextSteps: row.nextSteps,
    helpNeeded: row.helpNeeded,
    dueOn: row.dueOn,
    isLate: row.isLate,
    submittedAt: row.submittedAt.toISOString(),
    returnReason: row.returnReason,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    consolidatedAt: row.consolidatedAt?.toISOString() ?? null,
    version: row.version,
    history: revisions
      .filter((r) => r.reportId === row.id)
      .map((r) => ({ revision: r.revision, event: r.event, reason: r.reason, actor: r.actorName, at: r.at.toISOString(), snapshot: r.snapshot as Record<string, unknown> })),
  };
}

export function presentWorkPlan(item: ComputedItem) {
  if (!item.workPlan) return null;
  const colours = new Map(item.status.milestones.map((m) => [m.id, m.status]));
  return {
    id: item.workPlan.id,
    year: item.workPlan.year,
    confirmed: item.workPlan.confirmedAt !== null,
    confirmedAt: item.workPlan.confirmedAt?.toISOString() ?? null,
    version: item.workPlan.version,
    milestones: item.milestones.map((m) => ({
      id: m.id,
      ordinal: m.ordinal,
      title: m.title,
      dueOn: m.dueOn,
      evidenceExpected: m.evidenceExpected,
      weight: Number(m.weight),
      progress: item.progress.get(m.id) ?? 'not-started',
      status: colours.get(m.id) ?? 'green',
    })),
  };
}
