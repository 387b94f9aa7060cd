import fs from 'node:fs';
import type { AppDeps } from '../../app/deps.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { consoleOperatorCaller } from '../../modules/registry-common/caller.ts';
import { todayIso } from '../../modules/registry-common/optimistic.ts';
import { loadReferenceIndex } from '../../modules/registry-common/reference-index.ts';
import { REGISTRY_ENTITIES, findRegistryEntity } from '../../modules/registry-io/entities.ts';
import { buildErrorReport } from '../../modules/registry-io/error-report.ts';
import { runExport } from '../../modules/registry-io/export.ts';
import { publicRejected, runImport, type DuplicatePolicy, type ImportMode } from '../../modules/registry-io/import.ts';
import { ImportRefused } from '../../modules/registry-io/workbook.ts';
import { buildTemplate } from '../../modules/registry-io/template.ts';
import { createSecuritySettingsService } from '../../modules/security/security-settings.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

const ENTITY_NAMES = REGISTRY_ENTITIES.map((e) => e.name).join('|');

function entityOf(name: string | undefined) {
  const entity = name ? findRegistryEntity(name) : undefined;
  if (!entity) throw new CliError(`未知的对象 / unknown ENTITY "${name ?? ''}" (one of: ${ENTITY_NAMES}|monthly-reports)`, 2);
  return entity;
}

function requiredString(value: unknown, flag: string): string {
  if (typeof value !== 'string' || !value) throw new CliError(`需要 ${flag} / ${flag} is required`, 2);
  return value;
}

function depsFor(database: Database, config: AppConfig): AppDeps {
  const clock = () => new Date();
  return { config, database, clock, audit: createAuditService(database, clock), settings: createSecuritySettingsService(database, config) };
}

/**
 * `template|import|export ENTITY` (SPEC §11) for every entity of the registry-io table. The console runs as the
 * console operator: the commission's full scope, audited as console:<OS user>.
 */
export async function runEntityTemplate({ values, positionals, out }: CommandArgs): Promise<void> {
  const entity = entityOf(positionals[0]);
  const file = requiredString(values.out, '--out FILE');
  await withDatabase(out, async (database) => {
    fs.writeFileSync(file, await buildTemplate(entity, await loadReferenceIndex(database.db)));
    out.result(`已写入导入模板 / template written: ${file}`, { entity: entity.name, file });
  });
}

export async function runEntityImport({ values, positionals, out }: CommandArgs): Promise<void> {
  const entity = entityOf(positionals[0]);
  const file = requiredString(positionals[1], 'FILE');
  const mode = (values.mode ?? 'valid-only') as ImportMode;
  if (mode !== 'valid-only' && mode !== 'all-or-nothing') throw new CliError(`--mode 须为 valid-only 或 all-or-nothing / invalid --mode: ${mode}`, 2);
  const duplicates = (values.duplicates ?? 'skip') as DuplicatePolicy;
  if (duplicates !== 'skip' && duplicates !== 'update') throw new CliError(`--duplicates 须为 skip 或 update / invalid --duplicates: ${duplicates}`, 2);
  if (!fs.existsSync(file)) throw new CliError(`文件不存在 / no such file: ${file}`);
  const buffer = fs.readFileSync(file);
  await withDatabase(out, async (database, config) => {
    const progress = out.progress(`[import] ${entity.name}`);
    let result;
    try {
      result = await runImport(depsFor(database, config), consoleOperatorCaller(), entity, buffer, {
        mode,
        duplicates,
        fileName: file.split(/[\\/]/).pop() ?? file,
        onProgress: (p) => {
          if (p.phase !== 'check') progress(p.done, Math.max(1, p.total));
        },
      });
    } catch (error) {
      if (error instanceof ImportRefused) throw new CliError(`${file}: ${error.messageZh} / ${error.messageEn}`);
      throw error;
    }
    const reportFile = values['error-report'];
    if (typeof reportFile === 'string' && result.rejected.length) fs.writeFileSync(reportFile, await buildErrorReport(buffer, entity.sheetName, result.rejected));
    const rejected = publicRejected(result.rejected);
    const lines = rejected.map((r) => `  第${r.row}行${r.column ? `【${r.column}】` : ''}${r.value ? `“${r.value}”` : ''}: ${r.message}`);
    const warnings = result.warnings.map(({ row, column, value, message, similar }) => ({ row, column, value, message, similar }));
    const warningLines = warnings.map((w) => `  提示 / warning 第${w.row}行${w.column ? `【${w.column}】` : ''}: ${w.message}`);
    out.result(
      [
        `${file}: 新增 ${result.imported}，更新 ${result.updated}，未变 ${result.unchanged}，跳过 ${result.skipped}，有误 ${result.rejectedRows} 行${result.committed ? '' : '（未写入任何数据）'}`,
        `imported ${result.imported}, updated ${result.updated}, unchanged ${result.unchanged}, skipped ${result.skipped}, rejected rows ${result.rejectedRows}${result.committed ? '' : ' (nothing written)'}`,
        ...lines,
        ...warningLines,
      ].join('\n'),
      { imported: result.imported, updated: result.updated, rejected, warnings, unchanged: result.unchanged, skipped: result.skipped, committed: result.committed, sha256: result.sha256 },
    );
    // Valid-only: the valid rows are in, the rejected list says what is not (exit 0). All-or-nothing with
    // rejected rows wrote nothing: that is a failure (exit 3), as `audit verify` does for a broken chain.
    if (!result.committed) throw new CliError(`未导入任何数据：${result.rejectedRows} 行有误 / nothing imported: ${result.rejectedRows} rows rejected`, 3);
  });
}

export async function runEntityExport({ values, positionals, out }: CommandArgs): Promise<void> {
  const entity = entityOf(positionals[0]);
  const file = requiredString(values.out, '--out FILE');
  const format = (values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx')) as 'xlsx' | 'csv';
  if (format !== 'xlsx' && format !== 'csv') throw new CliError(`--format 须为 xlsx 或 csv / --format must be xlsx or csv: ${format}`, 2);
  await withDatabase(out, async (database, config) => {
    const deps = depsFor(database, config);
    const caller = consoleOperatorCaller();
    const result = await runExport(database.db, caller.actor, entity, {}, format, todayIso(new Date()));
    fs.writeFileSync(file, result.body);
    await deps.audit.standalone(caller.audit, null, { action: `${entity.name}.export`, objectType: entity.name, details: { format, rows: result.rows, file } });
    out.result(`已导出 ${result.rows} 条 / exported ${result.rows} rows to ${file}`, { entity: entity.name, exported: result.rows, file, format });
  });
}
