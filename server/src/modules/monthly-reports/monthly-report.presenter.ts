import { INDICATOR_CODES, formatPeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { MonthlyImportQuery, MonthlyImportResultView, ReportValues, ReportView } from '../../../../contracts/monthly-reports.ts';
import type { MonthlyImportResult } from './monthly-report.import.ts';
import type { ReportRow } from './monthly-report.repository.ts';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Stored values as numbers (the nearest double of each exact NUMERIC), null when not reported. */
export function valuesOf(row: ReportRow): Record<IndicatorCode, number | null> {
  return Object.fromEntries(INDICATOR_CODES.map((c) => [c, row[c] === null ? null : Number(row[c])])) as Record<IndicatorCode, number | null>;
}

/** The deadline is the end of its day in China Standard Time. */
export function isLateSubmission(submittedAt: Date | string | null, deadline: string, now: Date): boolean {
  const limit = new Date(`${deadline}T23:59:59.999+08:00`).getTime();
  return (submittedAt ? new Date(submittedAt).getTime() : now.getTime()) > limit;
}

export function presentReport(row: ReportRow, now: Date): ReportView {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    uscc: row.uscc.trim(),
    period: formatPeriod(Number(row.year), Number(row.month)),
    status: row.status as ReportView['status'],
    source: row.source as ReportView['source'],
    values: valuesOf(row),
    explanation: row.explanation,
    returnReason: row.return_reason,
    deadline: row.deadline,
    // Late: submitted after the deadline, or still not submitted once it has passed.
    isLate: row.submitted_at ? isLateSubmission(row.submitted_at, row.deadline, now) : row.status === 'draft' && isLateSubmission(null, row.deadline, now),
    submittedAt: iso(row.submitted_at),
    reviewedAt: iso(row.reviewed_at),
    approvedAt: iso(row.approved_at),
    version: Number(row.version),
    updatedAt: iso(row.updated_at)!,
  };
}

/** What a revision records: the values exactly as stored (decimal text), so history never drifts. */
export function revisionValues(values: ReportValues): Record<string, string | number | null> {
  return Object.fromEntries(INDICATOR_CODES.map((c) => [c, values[c] ?? null]));
}

/**
 * The import's answer with the count of enterprise-months left as they were because the file conflicts with
 * stored figures and the caller chose to keep those: the importer writes such a month only with 'replace', and
 * nothing at all when the import was not committed; and the id of the marked workbook when errors were found.
 */
export function presentImportResult(result: MonthlyImportResult, onConflict: MonthlyImportQuery['onConflict'], reportId: string | null = null): MonthlyImportResultView {
  const skipped = result.committed && onConflict === 'keep' ? new Set(result.conflicts.map((c) => `${c.uscc}|${c.period}`)).size : 0;
  return { ...result, skipped, reportId };
}
