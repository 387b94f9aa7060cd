/**
 * Stable keys of a plan's items. A key is derived from what identifies the clause in the policy — a goal's
 * year and metric, a domain's or zone's name, a task's kind and ordinal, a measure's position in its task —
 * so the same text yields the same keys in every version, and a revision that only rewords a task keeps the
 * links (projects, warnings, supervision items) that point to it. Pure: no I/O.
 *
 * Keys are unique within a version: a second item that would get the same key gets "-2", "-3" … appended.
 */
export interface KeyedGoalInput {
  metric: string;
  year: number;
  yearFrom?: number | null | undefined;
}

export interface KeyedTaskInput {
  kind: 'task' | 'safeguard';
  number: number;
  measures: readonly unknown[];
}

export interface PlanKeys {
  goals: string[];
  domains: string[];
  zones: string[];
  tasks: { key: string; measures: string[] }[];
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const pad2 = (n: number) => String(n).padStart(2, '0');

export function goalKey(goal: KeyedGoalInput): string {
  const years = goal.yearFrom && goal.yearFrom !== goal.year ? `${goal.yearFrom}-${goal.year}` : String(goal.year);
  return `goal-${years}-${squash(goal.metric)}`;
}

export const domainKey = (name: string) => `domain-${squash(name)}`;
export const zoneKey = (name: string) => `zone-${squash(name)}`;
export const taskKey = (kind: 'task' | 'safeguard', number: number) => `${kind}-${pad2(number)}`;
export const measureKey = (taskKeyValue: string, index: number) => `${taskKeyValue}-m${index + 1}`;

/** Keys for every item of a structure, in the structure's order. */
export function assignPlanKeys(structure: {
  goals: readonly KeyedGoalInput[];
  domains: readonly { name: string }[];
  zones: readonly { name: string }[];
  tasks: readonly KeyedTaskInput[];
}): PlanKeys {
  const goals = uniquify(structure.goals.map(goalKey));
  const domains = uniquify(structure.domains.map((d) => domainKey(d.name)));
  const zones = uniquify(structure.zones.map((z) => zoneKey(z.name)));
  const taskKeys = uniquify(structure.tasks.map((t) => taskKey(t.kind, t.number)));
  const tasks = structure.tasks.map((t, i) => ({ key: taskKeys[i]!, measures: t.measures.map((_, j) => measureKey(taskKeys[i]!, j)) }));
  return { goals, domains, zones, tasks };
}

function uniquify(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(keys);
  return keys.map((key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return key;
    let candidate = `${key}-${n}`;
    for (let k = n; taken.has(candidate); k++) candidate = `${key}-${k + 1}`;
    taken.add(candidate);
    return candidate;
  });
}
