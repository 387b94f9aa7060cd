/**
 * fast-check generators of monthly facts, for the statistics tests only (nothing in production imports this).
 * The shapes are chosen to hit the cases the comparable basis exists for: enterprises that enter or leave
 * between the two years, missing months, unapproved revisions beside approved ones, noise in other years and
 * in months after M, and values with exactly 4 decimals (1 元), negative only for profit.
 */
import fc from 'fast-check';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { MonthlyFact } from './facts.ts';

export const GROUPS = ['生物医药', '生物材料', '生物农业', '生物能源'] as const;

/** An amount in 万元 with at most 4 decimals: an integer number of 元 divided by 10 000. */
export function amountArb(allowNegative: boolean, maxYuan = 2_000_000_000): fc.Arbitrary<number> {
  return fc.integer({ min: allowNegative ? -maxYuan / 10 : 0, max: maxYuan }).map((yuan) => yuan / 10_000);
}

const valueArb = (code: IndicatorCode): fc.Arbitrary<number> =>
  code === 'employees'
    ? fc.integer({ min: 0, max: 5000 })
    : fc.oneof(
        { weight: 6, arbitrary: amountArb(code === 'profit') },
        // Small values collide often, so ties, zero deltas and zero bases get exercised too.
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
      );

/** Each indicator is present with probability 5/6: an absent key is an indicator the form left empty. */
const valuesArb: fc.Arbitrary<Partial<Record<IndicatorCode, number>>> = fc
  .tuple(...INDICATOR_CODES.map((code) => fc.option(valueArb(code), { nil: undefined, freq: 6 })))
  .map((vs) => {
    const values: Partial<Record<IndicatorCode, number>> = {};
    vs.forEach((v, i) => {
      if (v !== undefined) values[INDICATOR_CODES[i]!] = v;
    });
    return values;
  });

type MonthReport = { approved: boolean; values: Partial<Record<IndicatorCode, number>> } | null;

/** A report for a month, or null when the month was not reported (probability 1/4). */
const monthArb: fc.Arbitrary<MonthReport> = fc.option(
  fc.record({ approved: fc.integer({ min: 0, max: 5 }).map((n) => n > 0), values: valuesArb }),
  { nil: null, freq: 4 },
);
const yearArb = fc.array(monthArb, { minLength: 12, maxLength: 12 });

type Lifecycle = 'stays' | 'enters' | 'leaves' | 'leaves-during-year' | 'sparse-last-year';

interface EnterpriseSpec {
  group: (typeof GROUPS)[number];
  lifecycle: Lifecycle;
  previous: MonthReport[];
  current: MonthReport[];
  /** Facts in other years (y−2, y+1): they must never count. */
  noise: { year: 'older' | 'next'; month: number; values: Partial<Record<IndicatorCode, number>> }[];
  /** Unapproved revisions of existing months (returned, resubmitted drafts): they must never count. */
  revisions: { pick: number; values: Partial<Record<IndicatorCode, number>> }[];
  leavesAfter: number;
}

const enterpriseArb: fc.Arbitrary<EnterpriseSpec> = fc.record({
  group: fc.constantFrom(...GROUPS),
  lifecycle: fc.constantFrom<Lifecycle>('stays', 'stays', 'enters', 'leaves', 'leaves-during-year', 'sparse-last-year'),
  previous: yearArb,
  current: yearArb,
  noise: fc.array(
    fc.record({ year: fc.constantFrom<'older' | 'next'>('older', 'next'), month: fc.integer({ min: 1, max: 12 }), values: valuesArb }),
    { maxLength: 3 },
  ),
  revisions: fc.array(fc.record({ pick: fc.nat(), values: valuesArb }), { maxLength: 3 }),
  leavesAfter: fc.integer({ min: 0, max: 11 }),
});

export interface GeneratedCase {
  facts: MonthlyFact[];
  groupOf: Record<string, string>;
  indicator: IndicatorCode;
  year: number;
  month: number;
}

/**
 * A data set around (year, month): at most one approved fact per enterprise-month (as the database guarantees),
 * plus unapproved revisions that must be ignored.
 */
export const caseArb: fc.Arbitrary<GeneratedCase> = fc
  .record({
    enterprises: fc.array(enterpriseArb, { minLength: 0, maxLength: 8 }),
    indicator: fc.constantFrom(...INDICATOR_CODES),
    month: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ enterprises, indicator, month }) => {
    const year = 2024;
    const facts: MonthlyFact[] = [];
    const groupOf: Record<string, string> = {};
    enterprises.forEach((spec, i) => {
      const enterpriseId = `E${i}`;
      groupOf[enterpriseId] = spec.group;
      const own: MonthlyFact[] = [];
      const add = (y: number, reports: MonthReport[], keep: (m: number) => boolean) =>
        reports.forEach((r, idx) => {
          if (r && keep(idx + 1)) own.push({ enterpriseId, year: y, month: idx + 1, values: r.values, approved: r.approved });
        });
      const { lifecycle } = spec;
      if (lifecycle !== 'enters') add(year - 1, spec.previous, (m) => lifecycle !== 'sparse-last-year' || m % 3 === 0);
      if (lifecycle !== 'leaves') add(year, spec.current, (m) => lifecycle !== 'leaves-during-year' || m <= spec.leavesAfter);
      const noiseSeen = new Set<string>();
      for (const n of spec.noise) {
        if (noiseSeen.has(`${n.year}-${n.month}`)) continue; // one approved report per enterprise-month
        noiseSeen.add(`${n.year}-${n.month}`);
        own.push({ enterpriseId, year: n.year === 'older' ? year - 2 : year + 1, month: n.month, values: n.values, approved: true });
      }
      for (const r of spec.revisions) {
        const base = own[r.pick % Math.max(own.length, 1)];
        if (base) own.push({ ...base, values: r.values, approved: false });
      }
      facts.push(...own);
    });
    return { facts, groupOf, indicator, year, month };
  });
