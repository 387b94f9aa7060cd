import { INDICATOR_BY_CODE, INDICATOR_CODES, formatPeriod, parsePeriod } from '../../../../contracts/indicators.ts';
import type { AppDeps } from '../../app/deps.ts';
import { toCsv } from '../../domain/spreadsheet/csv.ts';
import { formatDecimal, parseDecimal } from '../../domain/statistics/index.ts';
import { buildXlsx } from '../../lib/spreadsheet.ts';
import type { Caller } from '../registry-common/index.ts';
import { reportScope } from './monthly-report.policy.ts';
import { iterateReports } from './monthly-report.repository.ts';

/**
 * Export of monthly reports (SPEC §11): one row per enterprise × month with USCC, period YYYY-MM, status,
 * domain, zone and the indicator columns in 万元 (energy tce, employees persons), exactly as stored. Only the
 * caller's reports (reportScope): an enterprise exports its own, a park its zone's.
 */

export const EXPORT_HEADERS = ['uscc', 'name', 'period', 'status', 'domain', 'zone', ...INDICATOR_CODES] as const;

const exact = (text: string | number | null) => (text === null ? null : formatDecimal(parseDecimal(String(text))!));

export async function exportMonthlyReports(
  deps: Pick<AppDeps, 'database' | 'audit'>,
  caller: Caller,
  options: { format: 'xlsx' | 'csv'; from?: string | undefined; to?: string | undefined },
): Promise<{ body: Buffer | string; rows: number }> {
  const index = (p: string | undefined) => {
    const ym = p ? parsePeriod(p) : null;
    return ym ? ym.year * 12 + ym.month - 1 : undefined;
  };
  const from = index(options.from);
  const to = index(options.to);
  const rows: (string | number | null)[][] = [];
  for await (const r of iterateReports(deps.database.db, reportScope(caller.actor), { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) })) {
    rows.push([r.uscc.trim(), r.enterprise_name, formatPeriod(Number(r.year), Number(r.month)), r.status, r.domain_code, r.zone_code, ...INDICATOR_CODES.map((c) => exact(r[c]))]);
  }
  await deps.audit.standalone(caller.audit, caller.origin, { action: 'monthly-report.export', details: { format: options.format, rows: rows.length, from: options.from ?? null, to: options.to ?? null } });
  // The indicator columns are numbers: exact decimal text, written unescaped (a negative profit is -0.6004).
  const numericColumns = new Set(INDICATOR_CODES.map((_, i) => EXPORT_HEADERS.length - INDICATOR_CODES.length + i));
  if (options.format === 'csv') return { body: toCsv(EXPORT_HEADERS, rows, { numericColumns }), rows: rows.length };
  const headers = ['统一社会信用代码', '企业名称', '期间', '状态', '领域', '功能区', ...INDICATOR_CODES.map((c) => `${INDICATOR_BY_CODE[c].nameZh}（${INDICATOR_BY_CODE[c].unit}）`)];
  const body = await buildXlsx(
    '月报',
    headers.map((header, i) => ({ header, width: i === 1 ? 30 : 16, value: (row: (string | number | null)[]) => (i >= 6 && row[i] !== null ? Number(row[i]) : row[i]) })),
    rows,
  );
  return { body, rows: rows.length };
}
