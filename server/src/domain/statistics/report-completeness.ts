import { INDICATOR_BY_CODE, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { ReportIssue } from './report-validation.ts';

/**
 * What an enterprise's own submission needs beyond the value rules of report-validation.ts (SPEC §4 workflow):
 * the month must be over, and the indicators every enterprise reports must have a value. Imports of the
 * bureau's file and the demo seeding do not pass through here — the bureau's figures are authoritative as they
 * come, and a bureau row may legitimately lack an indicator the enterprise form asks for.
 *
 * Required indicators (docs/glossary.md「必填指标」):
 *   every enterprise                 — 营业收入 revenue, 从业人员期末人数 employees (the 产业规模 goal and the
 *                                      headcount every form of the bureau carries);
 *   above-scale industrial (规上工业) — also 工业总产值 output and 工业销售产值 sales (the 制造业产值 goal and
 *                                      rows 01/03 of the bureau's B204-1).
 * Export, profit, tax, R&D and energy stay optional: many small firms have none to report, and a blank there
 * is not read as 0 by any statistic. 0 is a value: only a missing (null) figure is refused.
 */

export const ALWAYS_REQUIRED: readonly IndicatorCode[] = ['revenue', 'employees'];
export const ABOVE_SCALE_REQUIRED: readonly IndicatorCode[] = ['output', 'sales', 'revenue', 'employees'];

export function requiredIndicators(enterprise: { aboveScale: boolean; manufacturing: boolean }): readonly IndicatorCode[] {
  return enterprise.aboveScale && enterprise.manufacturing ? ABOVE_SCALE_REQUIRED : ALWAYS_REQUIRED;
}

/** The reporting calendar is Shanghai's (UTC+8, no daylight saving): a month ends at local midnight. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** True once the first day of the following month has begun in Shanghai. */
export function monthHasEnded(year: number, month: number, now: Date): boolean {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  return y > year || (y === year && m > month);
}

export interface CompletenessInput {
  year: number;
  month: number;
  values: Partial<Record<IndicatorCode, number | null>>;
  enterprise: { aboveScale: boolean; manufacturing: boolean };
  now: Date;
}

/** Errors that block an enterprise's submission; each names the field (zh + en) so the form can locate it. */
export function checkCompleteness(input: CompletenessInput): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const { year, month } = input;
  const period = `${year}-${String(month).padStart(2, '0')}`;
  if (!monthHasEnded(year, month, input.now)) {
    issues.push({
      indicator: null,
      code: 'period-not-ended',
      severity: 'error',
      messageZh: `${period} 尚未结束，月末之后才能提交（可先保存草稿）`,
      messageEn: `${period} has not ended yet; submit after the month is over (you can save a draft now)`,
      params: { period },
    });
  }
  for (const code of requiredIndicators(input.enterprise)) {
    const v = input.values[code];
    if (v !== null && v !== undefined) continue;
    const def = INDICATOR_BY_CODE[code];
    issues.push({
      indicator: code,
      code: 'required-missing',
      severity: 'error',
      messageZh: `请填写${def.nameZh}（${def.unit}），没有发生请填 0`,
      messageEn: `${def.nameEn} (${def.unit}) is required; enter 0 if there was none`,
      params: { unit: def.unit },
    });
  }
  return issues;
}
