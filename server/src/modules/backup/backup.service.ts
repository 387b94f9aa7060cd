import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileError,
  BackupWriter,
  type BackupHeader,
  type BackupMigration,
  type BackupRow,
  type BackupSection,
} from './backup-file.ts';
import {
  dependencyOrder,
  describeTable,
  listForeignKeys,
  listTables,
  qualified,
  readSequences,
  selectExpression,
  type ColumnInfo,
  type TableInfo,
} from './schema-catalog.ts';
import { inTransaction, quoteIdent, type SqlSession } from './sql-session.ts';
import {
  BackupError,
  PROGRESS_EVERY,
  type BackupOptions,
  type BackupSummary,
  type ProgressListener,
} from './backup.types.ts';

/**
 * Logical backup and restore, independent of the engine: a backup of the embedded database restores onto
 * PostgreSQL and back (the documented path when a district outgrows the embedded engine). File format:
 * backup-file.ts.
 */


export async function createBackup(database: Database, filePath: string, onProgress: ProgressListener = () => {}, options: BackupOptions = {}): Promise<BackupSummary> {
  const pageSize = options.pageSize ?? 1000;
  const file = path.resolve(filePath);
  // Written beside the target and renamed at the end, so an interrupted backup never looks complete.
  const temporary = `${file}.partial-${process.pid}`;
  fs.rmSync(temporary, { force: true });
  const writer = new BackupWriter(temporary);
  try {
    const summary = await inTransaction(database, 'snapshot-read', async (session) => {
      const migrations = await readAppliedMigrations(session);
      const { order } = dependencyOrder(await listTables(session), await listForeignKeys(session));
      const tables: TableInfo[] = [];
      const counts: { name: string; rows: number }[] = [];
      for (const name of order) {
        tables.push(await describeTable(session, name));
        const [row] = await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(name)}`);
        counts.push({ name, rows: Number(row!.n) });
      }
      const total = counts.reduce((sum, t) => sum + t.rows, 0);
      const [version] = await session.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.kind,
        serverVersion: version?.v ?? '',
        migrations,
        tables: counts,
      };
      await writer.line(header);
      onProgress({ phase: 'backup', table: null, done: 0, total });

      const digests: { name: string; rows: number; sha256: string }[] = [];
      let done = 0;
      for (const [i, table] of tables.entries()) {
        writer.startTable();
        const section: BackupSection = {
          table: table.name,
          columns: table.columns.map((c) => ({ name: c.name, type: c.type, encoding: c.encoding })),
          sequences: await readSequences(session, table.name),
        };
        await writer.line(section);
        let written = 0;
        for await (const row of readTable(session, table, pageSize)) {
          await writer.line(row);
          written++;
          done++;
          if (done % PROGRESS_EVERY === 0) onProgress({ phase: 'backup', table: table.name, done, total });
        }
        // The snapshot makes this impossible unless the catalogue and the data disagree; never write a lie.
        if (written !== counts[i]!.rows) throw new BackupError(`table ${table.name}: counted ${counts[i]!.rows} rows but read ${written}`);
        digests.push({ name: table.name, rows: written, sha256: writer.endTable() });
        onProgress({ phase: 'backup', table: table.name, done, total });
      }
      await writer.line({ trailer: BACKUP_FORMAT, rows: done, tables: digests, sha256: writer.digest() }, false);
      onProgress({ phase: 'backup', table: null, done, total });
      return { tables: counts, rows: done, migrations: migrations.map((m) => m.name) };
    });
    await writer.close();
    fs.renameSync(temporary, file);
    fsyncDirectory(path.dirname(file));
    return { file, engine: database.kind, ...summary, bytes: fs.statSync(file).size };
  } catch (error) {
    writer.abort();
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the rename itself has happened.
  }
}

async function readAppliedMigrations(session: SqlSession): Promise<BackupMigration[]> {
  const [exists] = await session.query<{ present: boolean }>(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present`);
  if (!exists?.present) return [];
  return session.query<BackupMigration>(
    `SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "appliedAt"
       FROM public.schema_migrations ORDER BY version COLLATE "C"`,
  );
}

/**
 * A table's rows in their backup encoding, a page at a time: keyset pagination on the primary key, or, for
 * a table without one, a total order over all columns' text with LIMIT/OFFSET (stable inside the snapshot).
 */
async function* readTable(session: SqlSession, table: TableInfo, pageSize: number): AsyncGenerator<BackupRow> {
  const values = table.columns.map((c, i) => `${selectExpression(c)} AS "v${i}"`);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const keyColumns = table.primaryKey.map((name) => byName.get(name)!);
  if (keyColumns.length > 0) {
    const keys = keyColumns.map((c, i) => `${quoteIdent(c.name)}::text AS "k${i}"`);
    const orderBy = keyColumns.map((c) => quoteIdent(c.name)).join(', ');
    const tuple = `(${orderBy})`;
    const after = `(${keyColumns.map((c, i) => `$${i + 1}::text::${c.type}`).join(', ')})`;
    let last: string[] | null = null;
    for (;;) {
      const rows: Record<string, unknown>[] = await session.query(
        `SELECT ${[...values, ...keys].join(', ')} FROM ${qualified(table.name)} ${last ? `WHERE ${tuple} > ${after}` : ''} ORDER BY ${orderBy} LIMIT ${pageSize}`,
        last ?? [],
      );
      for (const row of rows) yield encodeRow(table.columns, row);
      if (rows.length < pageSize) return;
      const tail = rows[rows.length - 1]!;
      last = keyColumns.map((_, i) => tail[`k${i}`] as string);
    }
  }
  const orderBy = table.columns.map((c) => `${quoteIdent(c.name)}::text COLLATE "C"`).join(', ');
  for (let offset = 0; ; offset += pageSize) {
    const rows: Record<string, unknown>[] = await session.query(
      `SELECT ${values.join(', ')} FROM ${qualified(table.name)} ORDER BY ${orderBy} LIMIT ${pageSize} OFFSET ${offset}`,
    );
    for (const row of rows) yield encodeRow(table.columns, row);
    if (rows.length < pageSize) return;
  }
}

function encodeRow(columns: ColumnInfo[], row: Record<string, unknown>): BackupRow {
  const out: BackupRow = {};
  for (const [i, column] of columns.entries()) {
    const value = row[`v${i}`];
    if (value === null || value === undefined) continue;
    out[column.name] = column.encoding === 'json' ? JSON.parse(value as string) : value;
  }
  return out;
}

export * from './backup.types.ts';
export { inspectExistingData, restoreBackup, verifyBackup, type RestoreSummary } from './backup-restore.ts';
export { BackupFileError };
