import {
  INDICATOR_BY_CODE,
  INDICATOR_CODES,
  INDICATOR_UNITS_EN,
  type IndicatorCode,
  type IndicatorDefinition,
} from '../../../../contracts/indicators.ts';
import { fromYuan, toYuan } from './money.ts';
import { detectUnitSlip, exceedsMultiple, median, parseDecimal } from './units.ts';

/**
 * Validation of one enterprise's monthly report (SPEC §4). Data quality is the statisticians' first concern, so
 * the rules mirror the bureau's review (审核) habits:
 *   error             — cannot be submitted: negative amount, sales above output × 1.2, a decreasing or
 *                       inconsistent YTD, a likely 10 000× unit slip, a value that is not a number;
 *   needs-explanation — may be submitted only with a written 说明: YoY swing beyond ±50%, a month beyond 3× the
 *                       enterprise's median.
 * It never throws: whatever the form holds, the user gets located messages (zh + en) with the numbers that
 * fired each rule in `params`, so the UI can highlight the field and the reviewer sees why.
 */

/** `warning`: shown, never blocks a submission or an import (e.g. an odd magnitude of a near-zero indicator). */
export type ReportIssueSeverity = 'error' | 'needs-explanation' | 'warning';

export type ReportIssueCode =
  | 'invalid-period'
  | 'not-a-number'
  | 'out-of-range'
  | 'negative-value'
  | 'sales-exceeds-output'
  | 'ytd-decreased'
  | 'ytd-inconsistent'
  | 'unit-slip'
  | 'yoy-swing'
  | 'above-median'
  // An enterprise's own submission only (report-completeness.ts):
  | 'period-not-ended'
  | 'required-missing';

export interface ReportIssue {
  /** The field the issue is about; null for the report as a whole. */
  indicator: IndicatorCode | null;
  code: ReportIssueCode;
  severity: ReportIssueSeverity;
  messageZh: string;
  messageEn: string;
  params: Record<string, number | string>;
}

type Values = Partial<Record<IndicatorCode, number | null>>;
type Clean = Partial<Record<IndicatorCode, number>>;

export interface ReportValidationOptions {
  /** Sales may exceed output by selling stock, up to this factor. Default 1.2. */
  salesOutputFactor?: number;
  /** |YoY| above this (a fraction) needs an explanation. Default 0.5. */
  yoySwing?: number;
  /** A month above this multiple of the enterprise's median needs an explanation. Default 3. */
  medianMultiple?: number;
  /** Positive previous months needed before the median rules apply. Default 3. */
  minHistory?: number;
  /** value / median at or beyond which a unit slip is assumed (and 1/this below). Default 1000. */
  unitSlipRatio?: number;
}

export interface ReportValidationInput {
  year: number;
  month: number;
  /** This month's values as entered, in storage units (万元 for money). */
  values: Values;
  /** 本年1—本月 values when the form carries them. */
  reportedYtd?: Values;
  /** The enterprise's YTD up to month M−1 of the same year (ignored in January). */
  previousYtd?: Values;
  /** Same period of last year: the month's value and YTD(y−1, M) (for a stock indicator, its level in month M). */
  lastYear?: { month?: Values; ytd?: Values };
  /** The enterprise's previous approved monthly values per indicator (e.g. the last 12), for the median rules. */
  history?: Partial<Record<IndicatorCode, readonly number[]>>;
  options?: ReportValidationOptions;
}

/**
 * Largest magnitude handled (万元): integer 元 stay exact below 2^53 ≈ 9.0 × 10^15. No enterprise reports
 * 9 × 10^11 万元 (90 万亿元) a month, so anything larger is an input error, reported rather than thrown.
 */
export const MAX_REPORT_VALUE = 9e11;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < MAX_REPORT_VALUE;
const show = (v: number): string => String(Math.round(v * 10_000) / 10_000);
const pct = (g: number): string => `${(g * 100).toFixed(1)}%`;

type Push = (
  indicator: IndicatorCode | null,
  code: ReportIssueCode,
  severity: ReportIssueSeverity,
  zh: string,
  en: string,
  params: Record<string, number | string>,
) => void;

export function validateReport(input: ReportValidationInput): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const push: Push = (indicator, code, severity, messageZh, messageEn, params) =>
    issues.push({ indicator, code, severity, messageZh, messageEn, params });
  const { year, month } = input;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    push(null, 'invalid-period', 'error', `报告期 ${year}-${month} 无效`, `invalid reporting period ${year}-${month}`, { year, month });
    return issues;
  }
  const options = {
    salesOutputFactor: input.options?.salesOutputFactor ?? 1.2,
    yoySwing: input.options?.yoySwing ?? 0.5,
    medianMultiple: input.options?.medianMultiple ?? 3,
    minHistory: input.options?.minHistory ?? 3,
    unitSlipRatio: input.options?.unitSlipRatio ?? 1000,
  };
  // Only finite numbers take part in the rules; anything else is reported once here and then left alone.
  const values = keepNumbers(input.values, 'month', push);
  const reportedYtd = keepNumbers(input.reportedYtd, 'ytd', push);

  for (const code of INDICATOR_CODES) {
    const def = INDICATOR_BY_CODE[code];
    const value = values[code];
    const ytd = reportedYtd[code];
    const previous = month > 1 ? input.previousYtd?.[code] : undefined;
    const prev = isNum(previous) ? previous : undefined;

    checkNegative(def, value, ytd, push);
    if (def.kind === 'flow') checkYtdSequence(def, month, value, ytd, prev, push);
    const slipped = checkHistory(def, value, input.history?.[code] ?? [], options, push);
    // After a unit slip every ratio is off by 10 000×; the slip is the one message worth showing.
    if (!slipped) {
      checkYoySwing(def, 'ytd', currentYtdOf(def, month, value, ytd, prev), input.lastYear?.ytd?.[code], options.yoySwing, push);
      // In January the month is the YTD, so it would only repeat the same message.
      if (month > 1 && def.kind === 'flow') {
        checkYoySwing(def, 'month', value, input.lastYear?.month?.[code], options.yoySwing, push);
      }
    }
  }
  checkSalesWithinOutput(values, 'month', options.salesOutputFactor, push);
  checkSalesWithinOutput(reportedYtd, 'ytd', options.salesOutputFactor, push);
  return issues;
}

/**
 * This year's YTD as far as it is known: the form's own 1—本月 figure, else last month's YTD plus this month
 * (January: the month itself). A stock indicator's "YTD" is its level in month M.
 */
function currentYtdOf(
  def: IndicatorDefinition,
  month: number,
  value: number | undefined,
  ytd: number | undefined,
  prev: number | undefined,
): number | undefined {
  if (def.kind === 'stock') return value;
  if (ytd !== undefined) return ytd;
  if (month === 1) return value;
  if (prev === undefined || value === undefined) return undefined;
  return fromYuan(toYuan(prev) + toYuan(value));
}

function keepNumbers(bag: Values | undefined, basis: 'month' | 'ytd', push: Push): Clean {
  const out: Clean = {};
  for (const code of INDICATOR_CODES) {
    const v = bag?.[code];
    if (v === undefined || v === null) continue;
    if (isNum(v)) {
      out[code] = v;
      continue;
    }
    const def = INDICATOR_BY_CODE[code];
    const zh = basis === 'month' ? '本月' : '1—本月累计';
    const en = basis === 'month' ? 'this month' : 'year to date';
    if (typeof v === 'number' && Number.isFinite(v)) {
      push(code, 'out-of-range', 'error', `${def.nameZh}（${zh}）数值超出合理范围`, `${def.nameEn} (${en}) is out of range`, {
        value: v,
        basis,
      });
    } else {
      push(code, 'not-a-number', 'error', `${def.nameZh}（${zh}）不是有效数字`, `${def.nameEn} (${en}) is not a valid number`, {
        basis,
      });
    }
  }
  return out;
}

/** Non-negative amounts; 利润总额 excepted, because a loss is a fact, not an error. */
function checkNegative(def: IndicatorDefinition, value: number | undefined, ytd: number | undefined, push: Push): void {
  if (def.allowsNegative) return;
  for (const [basis, v] of [['month', value], ['ytd', ytd]] as const) {
    if (v === undefined || v >= 0) continue;
    push(def.code, 'negative-value', 'error', `${def.nameZh}不能为负数（${show(v)} ${def.unit}）`,
      `${def.nameEn} cannot be negative (${show(v)} ${INDICATOR_UNITS_EN[def.unit]})`, { value: v, basis });
  }
}

/** YTD never decreases within a year, and when month, YTD and last month's YTD are all known they must add up. */
function checkYtdSequence(
  def: IndicatorDefinition,
  month: number,
  value: number | undefined,
  ytd: number | undefined,
  prev: number | undefined,
  push: Push,
): void {
  if (ytd === undefined || prev === undefined) return;
  if (!def.allowsNegative && toYuan(ytd) < toYuan(prev)) {
    push(def.code, 'ytd-decreased', 'error',
      `${def.nameZh}1—${month}月累计（${show(ytd)}）小于1—${month - 1}月累计（${show(prev)}）`,
      `${def.nameEn}: year-to-date through month ${month} (${show(ytd)}) is below that through month ${month - 1} (${show(prev)})`,
      { ytd, previousYtd: prev });
    return;
  }
  if (value !== undefined && toYuan(ytd) !== toYuan(prev) + toYuan(value)) {
    const expected = fromYuan(toYuan(prev) + toYuan(value));
    push(def.code, 'ytd-inconsistent', 'error',
      `${def.nameZh}1—本月累计（${show(ytd)}）不等于上月累计加本月（${show(expected)}）`,
      `${def.nameEn}: year-to-date (${show(ytd)}) differs from last month's year-to-date plus this month (${show(expected)})`,
      { ytd, previousYtd: prev, value, expected });
  }
}

/**
 * Indicators that are strictly positive and keep their order of magnitude month to month: the only ones where a
 * value 1 000× off the enterprise's own history can be called a unit error.
 */
const UNIT_STABLE_INDICATORS: ReadonlySet<IndicatorCode> = new Set(['output', 'sales', 'revenue', 'energy', 'employees']);
/** Largest / smallest of the recent months within which a history counts as stable. */
const STABLE_SPREAD = 10;

/** Enough months, every one of them positive, and no more than STABLE_SPREAD× between the extremes. */
function isStableHistory(history: readonly number[], minHistory: number): boolean {
  const months = history.filter((v) => isNum(v));
  if (months.length < minHistory || months.some((v) => v <= 0)) return false;
  return Math.max(...months) <= STABLE_SPREAD * Math.min(...months);
}

/** Unit slip (error or warning, see UNIT_STABLE_INDICATORS) and 3× the median (needs explanation) against the history. */
function checkHistory(
  def: IndicatorDefinition,
  value: number | undefined,
  history: readonly number[],
  o: { medianMultiple: number; minHistory: number; unitSlipRatio: number },
  push: Push,
): boolean {
  if (value === undefined || value <= 0) return false;
  const slip = detectUnitSlip(value, history, { ratioThreshold: o.unitSlipRatio, minHistory: o.minHistory });
  // A slip is an error only where the magnitude means something: a strictly positive, stable indicator whose
  // own recent history is stable. Profit, tax, R&D and export swing through zero (a profit of 0.0004 万元 after
  // months of 2 万元 is a break-even month, not a unit in 亿元): there the same finding is only a warning.
  const isError = UNIT_STABLE_INDICATORS.has(def.code) && isStableHistory(history, o.minHistory);
  if (slip.judged && slip.suspected) {
    const large = slip.direction === 'too-large';
    const params: Record<string, number | string> = { value, median: slip.median, ratio: slip.ratio, direction: slip.direction ?? '' };
    if (def.isMoney && slip.suggestedValue !== null) params['suggestedValue'] = slip.suggestedValue;
    // Only money has a unit a user can pick wrongly; for tce or persons the magnitude itself is suspect.
    const hintZh = !def.isMoney ? '数量级可能有误' : large ? '单位可能有误，疑似按“元”填报' : '单位可能有误，疑似按“亿元”填报';
    const hintEn = !def.isMoney
      ? 'check the magnitude'
      : large
        ? 'check the unit: probably entered in yuan'
        : 'check the unit: probably entered in 100 million yuan';
    push(def.code, 'unit-slip', isError ? 'error' : 'warning',
      `${def.nameZh}本月值 ${show(value)} ${def.unit} 是历史中位数 ${show(slip.median)} 的 ${show(slip.ratio)} 倍，${hintZh}`,
      `${def.nameEn} ${show(value)} ${INDICATOR_UNITS_EN[def.unit]} is ${show(slip.ratio)}× the median of previous months (${show(slip.median)}); ${hintEn}`,
      params);
    // After an error every ratio is off by 10 000× and the slip is the one message worth showing; a warning
    // leaves the other rules their say.
    if (isError) return true;
  }
  const positives = history.filter((v) => isNum(v) && v > 0);
  const med = median(positives);
  if (med !== null && positives.length >= o.minHistory && value > o.medianMultiple * med) {
    push(def.code, 'above-median', 'needs-explanation',
      `${def.nameZh}本月值 ${show(value)} ${def.unit} 超过历史中位数 ${show(med)} 的 ${o.medianMultiple} 倍，请填写说明`,
      `${def.nameEn} ${show(value)} ${INDICATOR_UNITS_EN[def.unit]} exceeds ${o.medianMultiple}× the median of previous months (${show(med)}); ` +
        'an explanation is required',
      { value, median: med, ratio: value / med, multiple: o.medianMultiple });
  }
  return false;
}

/** |YoY| beyond the swing threshold. A zero or negative base has no meaningful growth rate and is not judged. */
function checkYoySwing(
  def: IndicatorDefinition,
  basis: 'ytd' | 'month',
  current: number | undefined,
  base: number | null | undefined,
  swing: number,
  push: Push,
): void {
  if (!isNum(current) || !isNum(base) || base <= 0) return;
  const g = current / base - 1;
  if (Math.abs(g) <= swing) return;
  const up = g > 0;
  push(def.code, 'yoy-swing', 'needs-explanation',
    `${def.nameZh}${basis === 'ytd' ? '累计' : '当月'}同比${up ? '增长' : '下降'} ${pct(Math.abs(g))}，超过 ±${pct(swing)}，请填写说明`,
    `${def.nameEn} ${basis === 'ytd' ? 'year-to-date' : 'monthly'} year-on-year change of ${up ? '+' : '−'}${pct(Math.abs(g))} ` +
      `exceeds ±${pct(swing)}; an explanation is required`,
    { basis, current, lastYear: base, growth: g, threshold: swing });
}

/** Sales ≤ output × 1.2: selling from stock can push sales above output, but not by more than that. */
function checkSalesWithinOutput(bag: Clean, basis: 'month' | 'ytd', factor: number, push: Push): void {
  const { sales, output } = bag;
  const exactFactor = parseDecimal(factor);
  if (sales === undefined || output === undefined || !exactFactor) return;
  if (!exceedsMultiple(sales, output, exactFactor)) return;
  push('sales', 'sales-exceeds-output', 'error',
    `工业销售产值（${show(sales)}）超过工业总产值（${show(output)}）的 ${factor} 倍`,
    `Industrial sales output (${show(sales)}) exceeds ${factor}× gross industrial output (${show(output)})`,
    { sales, output, limit: output * factor, basis });
}

export interface SubmissionCheck {
  canSubmit: boolean;
  errors: number;
  needsExplanation: number;
  /** True when some issue needs a 说明 and none was written. */
  missingExplanation: boolean;
}

/** A report can be submitted when it has no errors and, if any issue needs one, a non-blank explanation. */
export function checkSubmission(issues: readonly ReportIssue[], explanation: string | null | undefined): SubmissionCheck {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const needsExplanation = issues.filter((i) => i.severity === 'needs-explanation').length;
  const missingExplanation = needsExplanation > 0 && (explanation ?? '').trim() === '';
  return { canSubmit: errors === 0 && !missingExplanation, errors, needsExplanation, missingExplanation };
}
