import { evaluateAfterReportChange } from '../../modules/warnings/index.ts';
import fs from 'node:fs';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { exportMonthlyReports } from '../../modules/monthly-reports/monthly-report.export.ts';
import { importMonthlyReports, type MonthlyImportProgress } from '../../modules/monthly-reports/monthly-report.import.ts';
import { buildMonthlyReportTemplate } from '../../modules/monthly-reports/monthly-report.template.ts';
import { ImportRefused } from '../../modules/registry-io/workbook.ts';
import path from 'node:path';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

/** `template monthly-reports --out FILE`: the flat template needs no database (its columns are the catalogue's). */
export async function runTemplateMonthlyReports({ values, out }: CommandArgs): Promise<void> {
  const file = values.out;
  if (typeof file !== 'string' || !file) throw new CliError('需要 --out FILE / --out FILE is required', 2);
  fs.writeFileSync(file, await buildMonthlyReportTemplate());
  out.result(`已写入导入模板 / template written: ${file}`, { entity: 'monthly-reports', file });
}

export async function runExportMonthlyReports({ values, out }: CommandArgs): Promise<void> {
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
}

export async function runImportMonthlyReports({ values, positionals, out }: CommandArgs): Promise<void> {
  const file = positionals[0];
  if (!file) throw new CliError('需要文件 / FILE is required', 2);
  const mode = (values.mode ?? 'valid-only') as string;
  if (mode !== 'valid-only' && mode !== 'all-or-nothing') throw new CliError(`--mode 须为 valid-only 或 all-or-nothing / invalid --mode: ${mode}`, 2);
  const onConflict = (values['on-conflict'] ?? 'keep') as string;
  if (onConflict !== 'keep' && onConflict !== 'replace') throw new CliError(`--on-conflict 须为 keep 或 replace / invalid --on-conflict: ${onConflict}`, 2);
  if (!fs.existsSync(file)) throw new CliError(`文件不存在 / no such file: ${file}`);
  await withDatabase(out, async (database, config) => {
    const audit = createAuditService(database, () => new Date());
    // One bar per counted phase (validation, writing, rollups), as the import reports them.
    const bars = new Map<string, (done: number, total: number) => void>();
    const progress = (p: MonthlyImportProgress) => {
      if (p.phase !== 'validate' && p.phase !== 'write' && p.phase !== 'rollups') return;
      let bar = bars.get(p.phase);
      if (!bar) bars.set(p.phase, (bar = out.progress(`[import] monthly reports: ${p.phase}`)));
      bar(p.done, Math.max(1, p.total));
    };
    let result;
    try {
      result = await importMonthlyReports({ database, audit, clock: () => new Date() }, consoleOperatorCaller(), fs.readFileSync(file), {
        mode,
        onConflict,
        fileName: path.basename(file),
        onProgress: progress,
        afterCommit: (ids) => evaluateAfterReportChange({ database, config, clock: () => new Date(), audit, log: (m) => out.info(m) }, ids),
      });
    } catch (error) {
      if (error instanceof ImportRefused) throw new CliError(`${file}: ${error.messageZh} / ${error.messageEn}`);
      throw error;
    }
    const human = [
      `${result.layout}: 新增 ${result.imported}，更新 ${result.updated}，未变 ${result.unchanged}，拒绝 ${result.rejected.length}，冲突 ${result.conflicts.length}，忽略 ${result.ignored.length} 行`,
      `imported ${result.imported}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected.length}, conflicts ${result.conflicts.length}, ignored rows ${result.ignored.length}`,
      ...result.rejected.map((r) => `  ${r.sheet}!${r.column ?? ''}${r.row}: ${r.message}${r.value !== null ? ` [${r.value}]` : ''}`),
      ...result.ignored.map((r) => `  ignored ${r.sheet}!${r.row}: ${r.message}`),
      ...result.conflicts.map((c) => `  conflict ${c.uscc} ${c.enterpriseName} ${c.period} ${c.indicator}: stored ${c.stored} (${c.storedStatus}), file ${c.incoming}`),
    ].join('\n');
    out.result(human, {
      imported: result.imported,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      conflicts: result.conflicts,
      warnings: result.warnings,
      ignored: result.ignored,
      layout: result.layout,
      committed: result.committed,
      sha256: result.sha256,
    });
    if (!result.committed) throw new CliError(`未导入任何数据：${result.rejected.length} 处错误 / nothing imported: ${result.rejected.length} errors`, 3);
  });
}
