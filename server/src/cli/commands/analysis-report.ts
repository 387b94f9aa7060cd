import fs from 'node:fs';
import path from 'node:path';
import { parsePeriod } from '../../../../contracts/indicators.ts';
import { generateMonthlyReport } from '../../modules/analysis-reports/analysis-report.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

export async function runReportMonthly({ values, out }: CommandArgs): Promise<void> {
  const period = parsePeriod(String(values.period ?? ''));
  if (!period) throw new CliError(`--period 须为 YYYY-MM / --period must be YYYY-MM: ${String(values.period)}`, 2);
  const file = values.out ? String(values.out) : '';
  if (!file.toLowerCase().endsWith('.docx')) throw new CliError(`--out 须为 .docx 文件 / --out must name a .docx file: ${file || '(missing)'}`, 2);
  await withDatabase(out, async (database) => {
    const report = await generateMonthlyReport(database.db, { period, zoneCode: values.zone ? String(values.zone) : null, inProcess: true });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, report.docx);
    out.result(`已生成 / written: ${file} (${report.docx.length} bytes)`, { file, bytes: report.docx.length, scope: report.scope });
  });
}
