import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedGoal, ParsedPolicy, ParsedTaskUnit } from '../../../../contracts/plan-parse.ts';
import { CORPUS, type ExpectedBaseline, type ExpectedGoal, type ExpectedItem } from './corpus-expected.ts';
import { parsePolicy } from './parse-policy.ts';

// Real policy texts of the genre (fixtures/corpus/, each citing its source). The expected results were written
// by reading each text; this measures how much of it the parser finds and how much of what it finds is right,
// and prints the figures.

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'corpus');

/** The fixture's text after its citation header (the lines up to "---"). */
export function readCorpusText(file: string): string {
  const raw = readFileSync(path.join(DIR, file), 'utf8');
  const cut = raw.indexOf('\n---\n');
  return cut >= 0 ? raw.slice(cut + 5) : raw;
}

const compact = (s: string) => s.replace(/\s+/g, '');

function goalMatches(e: ExpectedGoal, p: ParsedGoal): boolean {
  return (
    p.year === e.year &&
    p.value === e.value &&
    p.valueMax === e.valueMax &&
    p.unit === e.unit &&
    compact(p.metric).includes(e.metric) &&
    // The key phrase plus its qualifiers ("营收百亿元级企业"), not a clause of the sentence around it.
    compact(p.metric).length <= e.metric.length + 20 &&
    Boolean(p.approximate) === Boolean(e.approximate) &&
    Boolean(p.relative) === Boolean(e.relative)
  );
}

function baselineMatches(e: ExpectedBaseline, p: NonNullable<ParsedPolicy['baselines']>[number]): boolean {
  return p.year === e.year && p.value === e.value && p.unit === e.unit && compact(p.metric).includes(e.metric) && compact(p.metric).length <= e.metric.length + 20;
}

/** Pairs expected with found one to one; returns the number of pairs. */
function pair<E, P>(expected: readonly E[], found: readonly P[], match: (e: E, p: P) => boolean, misses: string[], show: (x: E | P) => string): number {
  const used = new Set<number>();
  let hits = 0;
  for (const e of expected) {
    const i = found.findIndex((p, k) => !used.has(k) && match(e, p));
    if (i >= 0) {
      used.add(i);
      hits++;
    } else misses.push(`  missed ${show(e)}`);
  }
  found.forEach((p, k) => {
    if (!used.has(k)) misses.push(`  extra  ${show(p)}`);
  });
  return hits;
}

function unitsOfItem(plan: ParsedPolicy, text: string, item: ExpectedItem): ParsedTaskUnit[] | null {
  for (const task of plan.tasks) {
    for (const m of task.measures) {
      if (text.slice(m.source.start, m.source.end).includes(item.key)) return m.units && m.units.length > 0 ? m.units : task.units;
    }
    if (text.slice(task.source.start, task.source.end).includes(item.key)) return task.units;
  }
  return null;
}

function itemRight(item: ExpectedItem, units: ParsedTaskUnit[] | null): boolean {
  if (!units) return false;
  const names = units.map((u) => u.name).sort();
  if (JSON.stringify(names) !== JSON.stringify([...item.units].sort())) return false;
  const role = (r: 'lead' | 'co') => units.filter((u) => u.role === r).map((u) => u.name).sort();
  if (item.lead && JSON.stringify(role('lead')) !== JSON.stringify([...item.lead].sort())) return false;
  if (item.co && JSON.stringify(role('co')) !== JSON.stringify([...item.co].sort())) return false;
  return true;
}

const show = (x: object) => JSON.stringify(x, (k, v) => (k === 'source' || k === 'sources' ? undefined : v));

describe('corpus of real policy texts', () => {
  const totals = { goalsExpected: 0, goalsFound: 0, goalsHit: 0, baseExpected: 0, baseFound: 0, baseHit: 0, items: 0, itemsRight: 0, unitsExpected: 0, unitsFound: 0, unitsHit: 0 };
  const report: string[] = [];
  for (const [file, expected] of Object.entries(CORPUS)) {
    const text = readCorpusText(file);
    const plan = parsePolicy(text);
    const misses: string[] = [];
    totals.goalsExpected += expected.goals.length;
    totals.goalsFound += plan.goals.length;
    totals.goalsHit += pair(expected.goals, plan.goals, goalMatches, misses, show);
    const baselines = plan.baselines ?? [];
    totals.baseExpected += expected.baselines.length;
    totals.baseFound += baselines.length;
    totals.baseHit += pair(expected.baselines, baselines, baselineMatches, misses, show);
    for (const item of expected.items) {
      const units = unitsOfItem(plan, text, item);
      totals.items++;
      totals.unitsExpected += item.units.length;
      totals.unitsFound += units?.length ?? 0;
      totals.unitsHit += units ? units.filter((u) => item.units.includes(u.name)).length : 0;
      if (itemRight(item, units)) totals.itemsRight++;
      else misses.push(`  units of "${item.key}": ${show(units ?? [])}`);
    }
    if (misses.length > 0) report.push(`${file}\n${misses.join('\n')}`);
  }
  const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b);
  const figures = {
    goalRecall: pct(totals.goalsHit, totals.goalsExpected),
    goalPrecision: pct(totals.goalsHit, totals.goalsFound),
    baselineRecall: pct(totals.baseHit, totals.baseExpected),
    baselinePrecision: pct(totals.baseHit, totals.baseFound),
    unitRecall: pct(totals.unitsHit, totals.unitsExpected),
    unitPrecision: pct(totals.unitsHit, totals.unitsFound),
    itemsExactlyRight: pct(totals.itemsRight, totals.items),
  };

  it('prints precision and recall of goals, baselines and responsible units', () => {
    const f = (x: number) => `${x.toFixed(1)} %`;
    console.log(
      [
        `corpus: ${Object.keys(CORPUS).length} documents, ${totals.goalsExpected} goals, ${totals.baseExpected} baselines, ${totals.items} items with units`,
        `goals      recall ${f(figures.goalRecall)}  precision ${f(figures.goalPrecision)}  (${totals.goalsHit} right of ${totals.goalsExpected} stated, ${totals.goalsFound} returned)`,
        `baselines  recall ${f(figures.baselineRecall)}  precision ${f(figures.baselinePrecision)}`,
        `units      recall ${f(figures.unitRecall)}  precision ${f(figures.unitPrecision)}  items exactly right ${f(figures.itemsExactlyRight)}`,
        ...(report.length > 0 ? ['differences:', ...report] : []),
      ].join('\n'),
    );
    expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(15);
  });

  it('meets the targets: ≥ 95 % recall and precision of goals, ≥ 90 % of items with exactly the right units', () => {
    expect(figures.goalRecall).toBeGreaterThanOrEqual(95);
    expect(figures.goalPrecision).toBeGreaterThanOrEqual(95);
    expect(figures.itemsExactlyRight).toBeGreaterThanOrEqual(90);
  });
});
