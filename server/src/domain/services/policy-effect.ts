/**
 * The policy-effect view (issue 14 §4), with no I/O: do enterprises that received a policy's support grow their
 * output and R&D faster afterwards than similar enterprises that did not?
 *
 * METHOD — exact matching on observables, then a difference in growth:
 * 1. For each recipient, the base year is the year before its award and the later year is the last complete
 *    year (`laterYear`); the recipient is measurable when both years have a positive base figure.
 * 2. Its comparison group is every non-recipient of the same domain, size (规上 or not) and zone with a
 *    measurable growth over the SAME two years.
 * 3. The recipient's difference is its growth minus the mean growth of its comparison group; the effect is the
 *    mean of these differences over matched recipients (recipients without any comparable firm are counted
 *    but not used).
 *
 * LIMITS — this is a description, not a causal estimate: firms are chosen for support because of their data
 * (often recent growth, so regression to the mean works against them); matching uses three attributes only;
 * groups are small, and no confidence interval is given; approved monthly reports are the only figures used.
 */

export type EffectIndicator = 'output' | 'rd';
export interface YearFigures {
  output: number;
  rd: number;
}
export interface EffectEnterprise {
  id: string;
  domain: string | null;
  isAboveScale: boolean;
  zone: string | null;
  /** Sums of approved monthly reports per calendar year. */
  years: Readonly<Record<number, YearFigures>>;
}
export interface EffectRecipient {
  enterpriseId: string;
  awardYear: number;
}
export interface IndicatorEffect {
  /** Recipients with a measurable growth. */
  measured: number;
  /** Of those, recipients with at least one comparable non-recipient. */
  matched: number;
  /** Distinct non-recipients used as comparisons. */
  comparisons: number;
  /** Mean growth of the matched recipients, and of their comparison groups (each group's mean, averaged). */
  recipientGrowth: number | null;
  comparisonGrowth: number | null;
  /** Mean of (recipient growth − its group's mean growth). */
  difference: number | null;
}

export function growthBetween(years: Readonly<Record<number, YearFigures>>, base: number, later: number, indicator: EffectIndicator): number | null {
  const b = years[base]?.[indicator];
  const l = years[later]?.[indicator];
  if (b === undefined || l === undefined || !(b > 0)) return null;
  return (l - b) / b;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function policyEffect(enterprises: readonly EffectEnterprise[], recipients: readonly EffectRecipient[], laterYear: number, indicator: EffectIndicator): IndicatorEffect {
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  const treated = new Set(recipients.map((r) => r.enterpriseId));
  const pool = enterprises.filter((e) => !treated.has(e.id));
  let measured = 0;
  const own: number[] = [];
  const groups: number[] = [];
  const diffs: number[] = [];
  const used = new Set<string>();
  for (const r of recipients) {
    const e = byId.get(r.enterpriseId);
    const base = r.awardYear - 1;
    if (!e || laterYear <= base) continue;
    const g = growthBetween(e.years, base, laterYear, indicator);
    if (g === null) continue;
    measured++;
    const comparable = pool.filter((c) => c.domain === e.domain && c.isAboveScale === e.isAboveScale && c.zone === e.zone);
    const controls: number[] = [];
    for (const c of comparable) {
      const cg = growthBetween(c.years, base, laterYear, indicator);
      if (cg === null) continue;
      controls.push(cg);
      used.add(c.id);
    }
    const m = mean(controls);
    if (m === null) continue;
    own.push(g);
    groups.push(m);
    diffs.push(g - m);
  }
  return { measured, matched: diffs.length, comparisons: used.size, recipientGrowth: mean(own), comparisonGrowth: mean(groups), difference: mean(diffs) };
}
