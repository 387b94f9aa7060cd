import fs from 'node:fs';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { exportMonthlyReports } from '../../modules/monthly-reports/monthly-report.export.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandSpec } from '../main.ts';
import { CliError } from '../output.ts';

export const exportMonthlyReportsCommand: CommandSpec = {
  name: 'export monthly-reports',
  usage: 'export monthly-reports --out FILE [--format xlsx|csv] [--from YYYY-MM] [--to YYYY-MM]',
  summary: 'export monthly reports: one row per enterprise × month (USCC, period, status, domain, zone, indicators in 万元)',
  options: { out: { type: 'string' }, format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run({ values, out }) {
    const file = values.out;
    if (typeof file !== 'string' || !file) throw new CliError('需要 --out FILE / --out FILE is required', 2);
    const format = (values.format ?? (file.endsWith('.csv') ? 'csv' : 'xlsx')) as string;
    if (format !== 'csv' && format !== 'xlsx') throw new CliError(`--format 须为 xlsx 或 csv / --format must be xlsx or csv: ${format}`, 2);
    await withDatabase(out, async (database) => {
      const audit = createAuditService(database, () => new Date());
      const result = await exportMonthlyReports({ database, audit }, consoleOperatorCaller(), {
        format,
        from: values.from as string | undefined,
        to: values.to as string | undefined,
      });
      fs.writeFileSync(file, result.body);
      out.result(`已导出 ${result.rows} 行月报 / exported ${result.rows} monthly reports to ${file}`, { exported: result.rows, file, format });
    });
  },
};
