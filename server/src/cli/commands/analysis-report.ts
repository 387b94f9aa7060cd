import fs from 'node:fs';
import path from 'node:path';
import { parsePeriod } from '../../../../contracts/indicators.ts';
import { generateMonthlyReport } from '../../modules/analysis-reports/analysis-report.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandSpec } from '../main.ts';
import { CliError } from '../output.ts';

export const reportMonthlyCommand: CommandSpec = {
  name: 'report monthly',
  usage: 'report monthly --period YYYY-MM --out FILE.docx [--zone CODE]',
  summary: 'the monthly operation analysis report 月度运行分析报告 (SPEC §5) as a Word document',
  options: { period: { type: 'string' }, out: { type: 'string' }, zone: { type: 'string' } },
  async run({ values, out }) {
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
  },
};
