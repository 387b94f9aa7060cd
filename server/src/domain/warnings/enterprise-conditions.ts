import type { RuleParams } from '../../../../contracts/warnings.ts';
import { periodKey, shiftMonth, type EnterpriseFacts, type EvaluationFacts, type Finding, type Period } from './facts.ts';

/** Enterprise rules (issue 11 §1): YTD YoY drop, n months of YoY decline, a drop against its own seasonal profile. */

type Indicator = 'output' | 'revenue';
const LABEL: Record<Indicator, { zh: string; en: string }> = { output: { zh: '产值', en: 'output' }, revenue: { zh: '营收', en: 'revenue' } };

export function monthValue(e: EnterpriseFacts, year: number, month: number, indicator: Indicator): number | null {
  const m = e.months.get(periodKey(year, month));
  return m ? m[indicator] : null;
}

/** YTD (months 1..M, a month without a report counts 0) of one enterprise. */
export function enterpriseYtd(e: EnterpriseFacts, year: number, month: number, indicator: Indicator): number {
  let sum = 0;
  for (let m = 1; m <= month; m++) sum += monthValue(e, year, m, indicator) ?? 0;
  return sum;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const refsOf = (e: EnterpriseFacts) => ({ zoneId: e.zoneId, domainId: e.domainId, enterpriseId: e.id });

export function enterpriseYoyDrop(params: RuleParams<'enterprise-yoy-drop'>, facts: EvaluationFacts): Finding[] {
  const asOf = facts.asOf;
  if (!asOf) return [];
  const out: Finding[] = [];
  for (const e of facts.enterprises) {
    // Comparable basis (SPEC §4): only an enterprise with an approved report for the month is measured.
    if (!e.months.has(periodKey(asOf.year, asOf.month))) continue;
    const threshold = (e.isKey ? params.keyDropPct : params.dropPct) / 100;
    const fired: { indicator: Indicator; ytd: number; base: number; growth: number }[] = [];
    for (const indicator of params.indicators) {
      const base = enterpriseYtd(e, asOf.year - 1, asOf.month, indicator);
      if (base <= 0 || base < params.minBaseWan) continue;
      const ytd = enterpriseYtd(e, asOf.year, asOf.month, indicator);
      const growth = ytd / base - 1;
      if (growth < -threshold) fired.push({ indicator, ytd, base, growth });
    }
    if (fired.length === 0) continue;
    const period = periodKey(asOf.year, asOf.month);
    out.push({
      subjectKey: e.uscc,
      subjectLabel: e.name,
      level: null,
      period,
      explanationZh: `${e.name} ${period} 累计${fired.map((f) => `${LABEL[f.indicator].zh}同比 ${pct(f.growth)}`).join('，')}，低于 −${(threshold * 100).toFixed(0)}%${e.isKey ? '（重点企业）' : ''}`,
      explanationEn: `${e.name}: year-to-date ${fired.map((f) => `${LABEL[f.indicator].en} ${pct(f.growth)} YoY`).join(', ')} to ${period}, below −${(threshold * 100).toFixed(0)}%${e.isKey ? ' (key enterprise)' : ''}`,
      facts: { threshold, isKey: e.isKey, indicators: fired },
      refs: refsOf(e),
    });
  }
  return out;
}

export function enterpriseConsecutiveDecline(params: RuleParams<'enterprise-consecutive-decline'>, facts: EvaluationFacts): Finding[] {
  const asOf = facts.asOf;
  if (!asOf) return [];
  const out: Finding[] = [];
  for (const e of facts.enterprises) {
    const months: { period: string; value: number; lastYear: number }[] = [];
    for (let i = 0; i < params.months; i++) {
      const p = shiftMonth(asOf, i);
      const value = monthValue(e, p.year, p.month, params.indicator);
      const lastYear = monthValue(e, p.year - 1, p.month, params.indicator);
      if (value === null || lastYear === null || !(value < lastYear)) break;
      months.push({ period: periodKey(p.year, p.month), value, lastYear });
    }
    if (months.length < params.months) continue;
    const base = months.reduce((s, m) => s + m.lastYear, 0);
    if (base < params.minBaseWan) continue;
    const label = LABEL[params.indicator];
    out.push({
      subjectKey: e.uscc,
      subjectLabel: e.name,
      level: null,
      period: periodKey(asOf.year, asOf.month),
      explanationZh: `${e.name} 连续 ${params.months} 个月${label.zh}低于上年同月（${months.map((m) => m.period).reverse().join('、')}）`,
      explanationEn: `${e.name}: ${label.en} below the same month of last year for ${params.months} consecutive months (${months.map((m) => m.period).reverse().join(', ')})`,
      facts: { indicator: params.indicator, months: months.reverse() },
      refs: refsOf(e),
    });
  }
  return out;
}

/**
 * The enterprise's seasonal index of a calendar month: its value over the year's monthly mean, averaged over
 * up to `years` complete years before `before`; null without one complete year.
 */
export function seasonalIndex(e: EnterpriseFacts, month: number, before: number, years: number, indicator: Indicator): number | null {
  const shares: number[] = [];
  for (let y = before - 1; y >= before - years; y--) {
    const values = Array.from({ length: 12 }, (_, i) => monthValue(e, y, i + 1, indicator));
    if (values.some((v) => v === null)) continue;
    const mean = (values as number[]).reduce((s, v) => s + v, 0) / 12;
    if (mean <= 0) continue;
    shares.push((values[month - 1] as number) / mean);
  }
  if (shares.length === 0) return null;
  return shares.reduce((s, v) => s + v, 0) / shares.length;
}

/** The mean monthly value of the twelve months before `p` (a full cycle, so free of season); null with a gap. */
export function trailingLevel(e: EnterpriseFacts, p: Period, indicator: Indicator): number | null {
  let sum = 0;
  for (let i = 1; i <= 12; i++) {
    const q = shiftMonth(p, i);
    const v = monthValue(e, q.year, q.month, indicator);
    if (v === null) return null;
    sum += v;
  }
  return sum / 12;
}

export function enterpriseSeasonalDrop(params: RuleParams<'enterprise-seasonal-drop'>, facts: EvaluationFacts): Finding[] {
  const asOf = facts.asOf;
  if (!asOf) return [];
  const out: Finding[] = [];
  for (const e of facts.enterprises) {
    const actual = monthValue(e, asOf.year, asOf.month, params.indicator);
    if (actual === null) continue;
    const level = trailingLevel(e, asOf, params.indicator);
    if (level === null || level < params.minBaseWan || level <= 0) continue;
    const index = seasonalIndex(e, asOf.month, asOf.year, params.minYears, params.indicator);
    if (index === null) continue;
    const expected = level * index;
    if (!(actual < expected * (1 - params.dropPct / 100))) continue;
    const period = periodKey(asOf.year, asOf.month);
    const drop = 1 - actual / expected;
    const label = LABEL[params.indicator];
    out.push({
      subjectKey: e.uscc,
      subjectLabel: e.name,
      level: null,
      period,
      explanationZh: `${e.name} ${period} ${label.zh} ${actual.toFixed(1)} 万元，较按自身季节规律预期的 ${expected.toFixed(1)} 万元低 ${pct(drop)}`,
      explanationEn: `${e.name}: ${label.en} ${actual.toFixed(1)} (10k CNY) in ${period}, ${pct(drop)} below the ${expected.toFixed(1)} expected from its own seasonal profile`,
      facts: { indicator: params.indicator, actual, expected, seasonalIndex: index, trailingMonthlyMean: level, drop },
      refs: refsOf(e),
    });
  }
  return out;
}
