/**
 * 事后分析 (SPEC §5, issue 11 §3): why a goal (or this year's milestone) was missed, as parts that add up to
 * the gap exactly.
 *
 * gap = target − actual = (target − previous) − (actual − previous) = required change − actual change.
 * The required change is first given to the projects that were planned to produce in the period but slipped
 * (their planned output: what the plan counted on), the rest is shared among the parts in proportion to their
 * previous value (each part "owed" the same growth rate). A part's gap is what it owed minus what it added;
 * the parts' gaps sum to the total gap. Amounts are split in whole units of 0.0001 (the statistics' scale, 1 元
 * when values are in 万元) by largest remainder, so the sum is exact, not merely close.
 */

export type EnterpriseGroup = 'existing' | 'new' | 'exited' | 'relocated' | 'unreported';

export interface GapEnterprise {
  key: string;
  name: string;
  domain: string;
  zone: string;
  group: EnterpriseGroup;
  /** Value in the comparison period (the previous year, or the same months of it). */
  previous: number;
  current: number;
}

export interface SlippedProject {
  key: string;
  name: string;
  domain: string;
  zone: string;
  /** Planned 投产 date (ISO). */
  plannedOn: string;
  /** The output the plan counted on for the period. */
  plannedOutput: number;
}

export interface GapInput {
  target: number;
  enterprises: readonly GapEnterprise[];
  slipped: readonly SlippedProject[];
}

export interface GapPart {
  key: string;
  previous: number;
  current: number;
  /** The part's share of the required change. */
  expected: number;
  /** expected − (current − previous): positive = short of its share. */
  gap: number;
}

export interface GapDecomposition {
  target: number;
  previous: number;
  actual: number;
  gap: number;
  requiredChange: number;
  actualChange: number;
  byZone: GapPart[];
  byDomain: GapPart[];
  byGroup: GapPart[];
  /** The enterprises whose gap is largest (top ten short of their share, and the ten most ahead). */
  enterprisesShort: (GapPart & { name: string })[];
  enterprisesAhead: (GapPart & { name: string })[];
}

const SCALE = 10_000;
const units = (v: number) => Math.round(v * SCALE);
const back = (v: number) => v / SCALE;

/** Splits `amount` (integer) in proportion to `weights` exactly, by largest remainder. */
export function allocateExactly(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  const shares = total > 0 ? weights.map((w) => (amount * w) / total) : weights.map(() => amount / weights.length);
  const floors = shares.map(Math.floor);
  let left = amount - floors.reduce((s, v) => s + v, 0);
  const order = shares.map((s, i) => ({ i, frac: s - Math.floor(s) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k]!.i]! += 1;
  return floors;
}

interface Item {
  part: string;
  previous: number;
  current: number;
  fixed: number;
}

function decompose(items: readonly Item[], required: number): GapPart[] {
  const keys = [...new Set(items.map((i) => i.part))];
  const agg = new Map(keys.map((k) => [k, { previous: 0, current: 0, fixed: 0 }]));
  for (const it of items) {
    const a = agg.get(it.part)!;
    a.previous += it.previous;
    a.current += it.current;
    a.fixed += it.fixed;
  }
  const fixedTotal = keys.reduce((s, k) => s + agg.get(k)!.fixed, 0);
  const shared = allocateExactly(required - fixedTotal, keys.map((k) => agg.get(k)!.previous));
  return keys.map((key, i) => {
    const a = agg.get(key)!;
    const expected = a.fixed + shared[i]!;
    return { key, previous: back(a.previous), current: back(a.current), expected: back(expected), gap: back(expected - (a.current - a.previous)) };
  });
}

export function decomposeGap(input: GapInput): GapDecomposition {
  const previous = input.enterprises.reduce((s, e) => s + units(e.previous), 0);
  const actual = input.enterprises.reduce((s, e) => s + units(e.current), 0);
  const target = units(input.target);
  const required = target - previous;
  const ents = input.enterprises.map((e) => ({ e, previous: units(e.previous), current: units(e.current) }));
  const projects = input.slipped.map((p) => ({ p, fixed: units(p.plannedOutput) }));
  const items = (partOf: (e: GapEnterprise) => string, projectPart: (p: SlippedProject) => string): Item[] => [
    ...ents.map((x) => ({ part: partOf(x.e), previous: x.previous, current: x.current, fixed: 0 })),
    ...projects.map((x) => ({ part: projectPart(x.p), previous: 0, current: 0, fixed: x.fixed })),
  ];
  const byEnterprise = decompose(items((e) => e.key, (p) => `project:${p.key}`), required);
  const names = new Map(input.enterprises.map((e) => [e.key, e.name]));
  const firms = byEnterprise.filter((p) => names.has(p.key)).map((p) => ({ ...p, name: names.get(p.key)! }));
  return {
    target: back(target),
    previous: back(previous),
    actual: back(actual),
    gap: back(target - actual),
    requiredChange: back(required),
    actualChange: back(actual - previous),
    byZone: decompose(items((e) => e.zone, (p) => p.zone), required),
    byDomain: decompose(items((e) => e.domain, (p) => p.domain), required),
    byGroup: decompose(items((e) => e.group, () => 'slipped-projects'), required),
    enterprisesShort: [...firms].sort((a, b) => b.gap - a.gap).slice(0, 10),
    enterprisesAhead: [...firms].sort((a, b) => a.gap - b.gap).slice(0, 10),
  };
}
