import type { ForwardingNotice, ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import type {
  GoalFormula,
  PlanGoal,
  PlanSummary,
  PlanTask,
  PlanVersionDetail,
  PlanVersionStatus,
  PlanVersionSummary,
} from '../../../../contracts/plan.ts';
import type { GoalComparator } from '../../../../contracts/plan-parse.ts';
import type { PlanSnapshot } from '../../domain/plan-diff/plan-diff.ts';
import { orderTasksForDepartment } from '../../domain/plan-model/task-order.ts';
import type { PlanRow, VersionItems, VersionRow, VersionSummaryRow } from './plan.repository.ts';

export function presentVersionSummary(row: VersionSummaryRow): PlanVersionSummary {
  return {
    id: row.id,
    planId: row.planId,
    version: row.version,
    status: row.status as PlanVersionStatus,
    title: row.title,
    sourceFileName: row.sourceFileName,
    sourceSha256: row.sourceSha256,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    counts: { goals: row.goals, domains: row.domains, zones: row.zones, tasks: row.tasks, safeguards: row.safeguards, measures: row.measures, warnings: row.warnings },
  };
}

export function presentPlan(plan: PlanRow, versions: readonly VersionSummaryRow[]): PlanSummary {
  const own = versions.filter((v) => v.planId === plan.id);
  return {
    id: plan.id,
    code: plan.code,
    title: plan.title,
    activeVersionId: own.find((v) => v.status === 'active')?.id ?? null,
    versions: own.map(presentVersionSummary),
  };
}

export function presentGoal(g: VersionItems['goals'][number]): PlanGoal {
  return {
    id: g.id,
    key: g.key,
    metric: g.metric,
    year: g.year,
    yearFrom: g.yearFrom,
    value: Number(g.value),
    valueMax: g.valueMax === null ? null : Number(g.valueMax),
    unit: g.unit,
    comparator: g.comparator as GoalComparator,
    source: { start: g.sourceStart, end: g.sourceEnd },
    formula: (g.formula as GoalFormula | null) ?? null,
  };
}

/**
 * A version as the plan pages show it. `departmentId` is the viewer's department (department role): its tasks
 * come first and carry `myRole`; for everyone else the plan's own order is kept.
 */
export function presentVersionDetail(
  plan: PlanRow,
  summary: VersionSummaryRow,
  version: VersionRow,
  items: VersionItems,
  departmentId: string | null,
): PlanVersionDetail {
  const structure = version.structure as Partial<ParsedPolicy> | null;
  const tasks = items.tasks.map((t) => ({
    id: t.id,
    key: t.key,
    kind: t.kind as PlanTask['kind'],
    number: t.number,
    label: t.label,
    title: t.title,
    source: { start: t.sourceStart, end: t.sourceEnd },
    measures: items.measures.filter((m) => m.taskId === t.id).map((m) => ({ id: m.id, key: m.key, title: m.title, text: m.body, source: { start: m.sourceStart, end: m.sourceEnd } })),
    units: items.units
      .filter((u) => u.row.taskId === t.id)
      .map((u) => ({
        name: u.row.name,
        role: u.row.role as 'lead' | 'co',
        departmentId: u.row.departmentId,
        department: u.row.departmentId && u.departmentCode ? { id: u.row.departmentId, code: u.departmentCode, name: u.departmentName ?? u.row.name } : null,
      })),
  }));
  return {
    ...presentVersionSummary(summary),
    planCode: plan.code,
    planTitle: plan.title,
    issuer: version.issuer,
    issuedOn: version.issuedOn,
    docNumber: version.docNumber,
    forwarding: (structure?.forwarding as ForwardingNotice | undefined) ?? null,
    goals: items.goals.map(presentGoal),
    domains: items.domains.map((d) => ({
      id: d.row.id,
      key: d.row.key,
      name: d.row.name,
      domainCode: d.domainCode,
      subfields: items.subfields.filter((s) => s.planDomainId === d.row.id).map((s) => s.name),
      source: { start: d.row.sourceStart, end: d.row.sourceEnd },
    })),
    zones: items.zones.map((z) => ({
      id: z.row.id,
      key: z.row.key,
      name: z.row.name,
      alias: z.row.alias,
      base: z.row.base,
      carriers: items.carriers.filter((c) => c.planZoneId === z.row.id).map((c) => c.name),
      zoneCode: z.zoneCode,
      lon: z.lon === null ? null : Number(z.lon),
      lat: z.lat === null ? null : Number(z.lat),
      source: { start: z.row.sourceStart, end: z.row.sourceEnd },
    })),
    tasks: orderTasksForDepartment(tasks, departmentId).map(({ task, myRole }) => ({
      ...task,
      units: task.units.map(({ departmentId: _d, ...unit }) => unit),
      myRole,
    })),
    warnings: Array.isArray(structure?.warnings) ? structure.warnings : [],
    sourceText: version.sourceText,
  };
}

/** What the diff compares: the detail without ids, ranges and viewer-specific ordering. */
export function snapshotOf(detail: PlanVersionDetail): PlanSnapshot {
  return {
    title: detail.title,
    issuer: detail.issuer,
    issuedOn: detail.issuedOn,
    docNumber: detail.docNumber,
    goals: detail.goals,
    domains: detail.domains,
    zones: detail.zones,
    tasks: [...detail.tasks].sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind === 'task' ? -1 : 1)),
  };
}
