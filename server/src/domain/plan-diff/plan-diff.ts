import type { DiffItem, DiffValue, FieldChange, GoalFormula, PlanDiff, SectionDiff, TaskDiff, UnitChange } from '../../../../contracts/plan.ts';

/**
 * Compares two versions of a plan, item by item through their stable keys (goal-2025-产业规模, task-03,
 * task-03-m2 …): what was added, removed, and which fields of the items present in both changed. Pure: no I/O.
 *
 * Source ranges are not compared: they move whenever any earlier text changes, which is not a change of the
 * plan. Lists whose order carries no meaning (sub-fields, carriers) are compared as sets.
 */
export interface SnapshotGoal {
  key: string;
  metric: string;
  year: number;
  yearFrom: number | null;
  value: number;
  valueMax: number | null;
  unit: string;
  comparator: string;
  formula: GoalFormula | null;
}
export interface SnapshotDomain {
  key: string;
  name: string;
  subfields: readonly string[];
}
export interface SnapshotZone {
  key: string;
  name: string;
  alias: string | null;
  base: string;
  carriers: readonly string[];
}
export interface SnapshotTask {
  key: string;
  kind: string;
  number: number;
  label: string;
  title: string;
  measures: readonly { key: string; title: string; text: string }[];
  units: readonly { name: string; role: 'lead' | 'co' }[];
}
export interface PlanSnapshot {
  title: string | null;
  issuer: string | null;
  issuedOn: string | null;
  docNumber: string | null;
  goals: readonly SnapshotGoal[];
  domains: readonly SnapshotDomain[];
  zones: readonly SnapshotZone[];
  tasks: readonly SnapshotTask[];
}

type Compare = 'value' | 'set';
type FieldSpec<T> = readonly (readonly [field: keyof T & string, how: Compare])[];

const GOAL_FIELDS: FieldSpec<SnapshotGoal> = [
  ['metric', 'value'],
  ['year', 'value'],
  ['yearFrom', 'value'],
  ['value', 'value'],
  ['valueMax', 'value'],
  ['unit', 'value'],
  ['comparator', 'value'],
  ['formula', 'value'],
];
const DOMAIN_FIELDS: FieldSpec<SnapshotDomain> = [
  ['name', 'value'],
  ['subfields', 'set'],
];
const ZONE_FIELDS: FieldSpec<SnapshotZone> = [
  ['name', 'value'],
  ['alias', 'value'],
  ['base', 'value'],
  ['carriers', 'set'],
];
const TASK_FIELDS: FieldSpec<SnapshotTask> = [
  ['kind', 'value'],
  ['number', 'value'],
  ['label', 'value'],
  ['title', 'value'],
];
const MEASURE_FIELDS: FieldSpec<SnapshotTask['measures'][number]> = [
  ['title', 'value'],
  ['text', 'value'],
];
const HEADER_FIELDS = ['title', 'issuer', 'issuedOn', 'docNumber'] as const;

export function diffPlans(from: PlanSnapshot, to: PlanSnapshot): PlanDiff {
  const header: FieldChange[] = [];
  for (const field of HEADER_FIELDS) {
    if (!sameValue(from[field], to[field])) header.push({ field, before: from[field], after: to[field] });
  }
  const goals = diffSection(from.goals, to.goals, GOAL_FIELDS, (g) => `${g.yearFrom ? `${g.yearFrom}—` : ''}${g.year} ${g.metric}`);
  const domains = diffSection(from.domains, to.domains, DOMAIN_FIELDS, (d) => d.name);
  const zones = diffSection(from.zones, to.zones, ZONE_FIELDS, (z) => z.name);
  const tasks = diffTasks(from.tasks, to.tasks);
  const count = (s: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => s.added.length + s.removed.length + s.changed.length;
  return { header, goals, domains, zones, tasks, total: header.length + count(goals) + count(domains) + count(zones) + count(tasks) };
}

function diffSection<T extends { key: string }>(before: readonly T[], after: readonly T[], fields: FieldSpec<T>, label: (item: T) => string): SectionDiff {
  const result: SectionDiff = { added: [], removed: [], changed: [] };
  const afterByKey = new Map(after.map((item) => [item.key, item]));
  const beforeKeys = new Set(before.map((item) => item.key));
  for (const old of before) {
    const now = afterByKey.get(old.key);
    if (!now) {
      result.removed.push(itemOf(old, label));
      continue;
    }
    const changes = fieldChanges(old, now, fields);
    if (changes.length) result.changed.push({ ...itemOf(now, label), changes });
  }
  for (const now of after) if (!beforeKeys.has(now.key)) result.added.push(itemOf(now, label));
  return result;
}

function diffTasks(before: readonly SnapshotTask[], after: readonly SnapshotTask[]): TaskDiff {
  const base = diffSection(before, after, TASK_FIELDS, taskLabel);
  const changed: TaskDiff['changed'] = [];
  const afterByKey = new Map(after.map((t) => [t.key, t]));
  for (const old of before) {
    const now = afterByKey.get(old.key);
    if (!now) continue;
    const changes = base.changed.find((c) => c.key === old.key)?.changes ?? [];
    const measures = diffSection(old.measures, now.measures, MEASURE_FIELDS, (m) => m.title);
    const units = diffUnits(old.units, now.units);
    const measureCount = measures.added.length + measures.removed.length + measures.changed.length;
    if (changes.length || measureCount || units.length) changed.push({ ...itemOf(now, taskLabel), changes, measures, units });
  }
  return { added: base.added, removed: base.removed, changed };
}

function diffUnits(before: SnapshotTask['units'], after: SnapshotTask['units']): UnitChange[] {
  const roleBefore = new Map(before.map((u) => [u.name, u.role]));
  const roleAfter = new Map(after.map((u) => [u.name, u.role]));
  const out: UnitChange[] = [];
  for (const [name, role] of roleBefore) {
    const now = roleAfter.get(name) ?? null;
    if (now !== role) out.push({ name, before: role, after: now });
  }
  for (const [name, role] of roleAfter) if (!roleBefore.has(name)) out.push({ name, before: null, after: role });
  return out;
}

function fieldChanges<T>(before: T, after: T, fields: FieldSpec<T>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, how] of fields) {
    const a = before[field] as DiffValue;
    const b = after[field] as DiffValue;
    const same = how === 'set' ? sameSet(a as readonly string[], b as readonly string[]) : sameValue(a, b);
    if (!same) out.push({ field, before: a, after: b });
  }
  return out;
}

const itemOf = <T extends { key: string }>(item: T, label: (item: T) => string): DiffItem => ({ key: item.key, label: label(item) });
const taskLabel = (t: SnapshotTask) => `${t.label} ${t.title}`.trim();

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Structural equality of JSON values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

