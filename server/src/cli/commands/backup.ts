import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/config.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { BackupError, BackupFileError, createBackup, inspectExistingData, restoreBackup, type BackupProgress } from '../../modules/backup/backup.service.ts';
import { verifyAuditLog } from '../../modules/audit/audit.verify.ts';
import type { CommandArgs } from '../main.ts';
import { CliError, type Output } from '../output.ts';
import { secretKeyFileOf } from '../../modules/auth/mfa-secret-key.ts';
import { KEY_PURPOSES, KeyMissingError, keyProvider } from '../../modules/crypto/keyring.ts';

/** One progress bar per phase (verify, backup, restore), fed from the service's progress events. */
function progressPrinter(out: Output) {
  const bars = new Map<string, (done: number, total: number) => void>();
  return (p: BackupProgress) => {
    let bar = bars.get(p.phase);
    if (!bar) {
      bar = out.progress(`[${p.phase}]`);
      bars.set(p.phase, bar);
    }
    bar(p.done, p.total);
  };
}

async function openConfigured(out: Output, mustExist: boolean): Promise<Database> {
  const config = loadConfig();
  if (!config.databaseUrl && mustExist && !fs.existsSync(path.join(config.dataDir, 'pgdata'))) {
    throw new CliError(`没有数据库 / there is no database at ${config.dataDir} (set DATA_DIR or DATABASE_URL)`);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  out.info(`[db] ${database.description}`);
  return database;
}

function asCliError(error: unknown): unknown {
  if (error instanceof BackupFileError || error instanceof BackupError) return new CliError(error.message);
  return error;
}

export async function runBackup({ values, positionals, out }: CommandArgs): Promise<void> {
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new CliError('需要一个备份文件名 / exactly one backup file name is required', 2);
  const file = path.resolve(target);
  if (fs.existsSync(file) && !values.force) {
    throw new CliError(`文件已存在，未覆盖 / ${file} already exists and was not overwritten; use --force to replace it`, 2);
  }
  if (!fs.existsSync(path.dirname(file))) throw new CliError(`目录不存在 / the folder ${path.dirname(file)} does not exist`, 2);
  const database = await openConfigured(out, true);
  try {
    const started = Date.now();
    const summary = await createBackup(database, file, progressPrinter(out)).catch((error: unknown) => {
      throw asCliError(error);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    out.result(
      `已备份 / backup written: ${summary.file}\n` +
        `  ${summary.rows} rows in ${summary.tables.length} tables, ${summary.bytes} bytes, ${seconds} s, migrations up to ${summary.migrations.at(-1) ?? '(none)'}\n` +
        `  两步验证密钥文件不在备份中，请另行保存 / the second-factor key file is not in the backup; keep it separately: ${secretKeyFileOf(loadConfig()) ?? '(none)'}\n` +
        `  警告：密钥不在备份中 / WARNING: the keys are not in the backup (by design); without them the restored audit log cannot be ` +
        `verified or written and encrypted fields cannot be read. Keep these files separately and safely: ` +
        `${KEY_PURPOSES.map((p) => keyProvider().location(p)).join(', ')}`,
      summary,
    );
  } finally {
    await database.close();
  }
}

export async function runRestore({ values, positionals, out }: CommandArgs): Promise<void> {
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new CliError('需要一个备份文件名 / exactly one backup file name is required', 2);
  const file = path.resolve(source);
  if (!fs.existsSync(file)) throw new CliError(`文件不存在 / ${file} does not exist`, 2);
  const database = await openConfigured(out, false);
  try {
    const existing = await inspectExistingData(database);
    if (existing.length > 0 && !values.yes) {
      const rows = existing.reduce((sum, t) => sum + t.rows, 0);
      throw new CliError(
        `数据库中已有数据，恢复将全部替换 / the database already holds data (${rows} rows in ${existing.length} tables: ` +
          `${existing.map((t) => `${t.name} ${t.rows}`).join(', ')}). Restore replaces all of it; nothing was changed. ` +
          'Rerun with --yes to replace it (make a backup of the current data first).',
        2,
      );
    }
    if (existing.length > 0) out.info(`[restore] --yes: replacing the current data (${existing.length} tables with rows)`);
    const started = Date.now();
    const summary = await restoreBackup(database, file, progressPrinter(out)).catch((error: unknown) => {
      throw asCliError(error);
    });
    let audit: Awaited<ReturnType<typeof verifyAuditLog>>;
    try {
      audit = await verifyAuditLog(database.db);
    } catch (error) {
      if (!(error instanceof KeyMissingError)) throw error;
      // The data is restored; only the check needs the installation's audit key, which backups never hold.
      throw new CliError(
        `已恢复，但无法校验审计日志 / restored, but the audit chain cannot be verified: the audit key is missing (${error.location}). ` +
          'Put back the key files of the installation the backup came from before starting the server.',
        4,
      );
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!audit.ok) {
      out.info(`警告 / warning: the restored audit chain is broken at record #${audit.firstBroken!.seq}: ${audit.firstBroken!.reason}`);
    }
    out.result(
      `已恢复 / restored ${summary.file} (made ${summary.createdAt} on ${summary.sourceEngine}) into ${database.description}\n` +
        `  ${summary.rows} rows in ${summary.tables.length} tables, ${seconds} s` +
        `${summary.migrated.length ? `; then applied ${summary.migrated.join(', ')}` : ''}\n` +
        `  audit chain: ${audit.ok ? `intact, ${audit.checked} records verified` : `BROKEN at record #${audit.firstBroken!.seq}`}`,
      { ...summary, auditChain: audit },
    );
  } finally {
    await database.close();
  }
}
