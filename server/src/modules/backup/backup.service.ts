import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client.ts';
import { loadMigrations, type Migration } from '../../db/migrate.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileError,
  BackupWriter,
  toArrayLiteral,
  walkBackup,
  type BackupColumn,
  type BackupHeader,
  type BackupMigration,
  type BackupRow,
  type BackupSection,
} from './backup-file.ts';
import {
  dependencyOrder,
  describeTable,
  disableTrigger,
  enableTrigger,
  listEnabledTriggers,
  insertExpression,
  listForeignKeys,
  listTables,
  qualified,
  readSequences,
  resetSequences,
  selectExpression,
  type ColumnInfo,
  type TableInfo,
} from './schema-catalog.ts';
import { inTransaction, quoteIdent, type SqlSession } from './sql-session.ts';

/**
 * Logical backup and restore, independent of the engine: a backup of the embedded database restores onto
 * PostgreSQL and back (the documented path when a district outgrows the embedded engine). File format:
 * backup-file.ts.
 */

export interface BackupProgress {
  phase: 'backup' | 'verify' | 'restore';
  /** The table being processed, null before the first and after the last. */
  table: string | null;
  /** Rows done across all tables, and the total number of rows. */
  done: number;
  total: number;
}

export type ProgressListener = (progress: BackupProgress) => void;

export interface BackupOptions {
  /** Rows read per query (keyset pages); small values are for tests. */
  pageSize?: number;
  /** The migrations this code knows (tests inject older or newer sets). */
  migrations?: Migration[];
}

export interface BackupSummary {
  file: string;
  engine: Database['kind'];
  tables: { name: string; rows: number }[];
  rows: number;
  migrations: string[];
  bytes: number;
}

/** An error the operator has to act on (not a damaged file): incompatible versions and the like. */
export class BackupError extends Error {}

const PROGRESS_EVERY = 500;

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

// ----------------------------------------------------------------------------------------------------------
// Restore

export interface RestoreSummary {
  file: string;
  createdAt: string;
  sourceEngine: BackupHeader['engine'];
  engine: Database['kind'];
  tables: { name: string; rows: number }[];
  rows: number;
  /** Migrations newer than the backup, applied after its data was loaded. */
  migrated: string[];
}

/** Checks a backup without touching any database: structure, checksums and migration compatibility. */
export async function verifyBackup(filePath: string, onProgress: ProgressListener = () => {}, options: BackupOptions = {}): Promise<{ header: BackupHeader; rows: number }> {
  const file = path.resolve(filePath);
  let total = 0;
  let done = 0;
  let current: string | null = null;
  const { header, rows } = await walkBackup(file, {
    header(h) {
      checkMigrations(file, h, options.migrations ?? loadMigrations());
      total = h.tables.reduce((sum, t) => sum + t.rows, 0);
      onProgress({ phase: 'verify', table: null, done: 0, total });
    },
    tableStart(section) {
      current = section.table;
    },
    row() {
      if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'verify', table: current, done, total });
    },
  });
  onProgress({ phase: 'verify', table: null, done, total });
  return { header, rows };
}

/** The backup's migrations must be this code's first migrations, unchanged; the rest are applied after the load. */
function checkMigrations(file: string, header: BackupHeader, known: Migration[]): void {
  for (const [i, m] of header.migrations.entries()) {
    const ours = known[i];
    if (!ours || ours.version !== m.version) {
      throw new BackupError(
        `备份来自更新或不同的版本，无法恢复 / the backup ${file} was made by a newer or different version of the software: ` +
          `its migration ${m.name} is not this version's migration ${ours ? ours.name : `#${i + 1} (there are only ${known.length})`}. Restore it with the version that made it.`,
      );
    }
    if (ours.checksum !== m.checksum || ours.name !== m.name) {
      throw new BackupError(`备份的迁移 ${m.name} 与本版本不一致 / migration ${m.name} in the backup ${file} differs from this version's (checksum); restore it with the version that made it.`);
    }
  }
}

/**
 * Replaces the whole public schema with the backup's content, in one transaction: the file is verified
 * first (nothing is touched if it is damaged, foreign or too new), then the schema is dropped, re-created
 * by the backup's migrations, loaded, moved forward by this version's later migrations, and committed.
 * Any failure rolls everything back and leaves the previous data as it was.
 */
export async function restoreBackup(database: Database, filePath: string, onProgress: ProgressListener = () => {}, options: BackupOptions = {}): Promise<RestoreSummary> {
  const file = path.resolve(filePath);
  const known = options.migrations ?? loadMigrations();
  const { header } = await verifyBackup(file, onProgress, { ...options, migrations: known });
  const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
  const base = known.slice(0, header.migrations.length);
  const later = known.slice(header.migrations.length);
  const appliedAt = new Map(header.migrations.map((m) => [m.version, m.appliedAt]));

  return inTransaction(database, 'write', async (session) => {
    // Same lock as migrate(): no server applies migrations while the schema is being replaced.
    await session.query('SELECT pg_advisory_xact_lock(724133)');
    await session.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await session.exec(`CREATE TABLE schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const migration of base) await applyMigration(session, migration, appliedAt.get(migration.version));
    // The rows are loaded as they were, like pg_restore --disable-triggers: a trigger that derives rows
    // (a dirty-marker on insert) would otherwise add rows the backup already holds.
    const triggers = await listEnabledTriggers(session);
    for (const trigger of triggers) await disableTrigger(session, trigger);
    // Migrations may seed rows (catalogues). The backup holds those tables' content as it was, edits
    // included, so the seeded rows give way to it.
    await clearSeededRows(session);

    // Foreign keys on a cycle cannot be satisfied row by row; they are dropped and re-created (and so
    // re-validated) around the load.
    const { cyclic } = dependencyOrder(await listTables(session), await listForeignKeys(session));
    for (const fk of cyclic) await session.exec(`ALTER TABLE ${qualified(fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);

    let done = 0;
    let loader: TableLoader | null = null;
    onProgress({ phase: 'restore', table: null, done, total });
    await walkBackup(file, {
      async tableStart(section) {
        loader = await TableLoader.create(session, file, section);
      },
      async row(_section, row, line) {
        await loader!.add(row, line);
        if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'restore', table: loader!.table, done, total });
      },
      async tableEnd(section) {
        await loader!.flush();
        await resetSequences(session, section.table, section.sequences);
        onProgress({ phase: 'restore', table: section.table, done, total });
      },
    });
    for (const fk of cyclic) await session.exec(`ALTER TABLE ${qualified(fk.table)} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`);
    for (const trigger of triggers) await enableTrigger(session, trigger);
    for (const migration of later) await applyMigration(session, migration, undefined);
    onProgress({ phase: 'restore', table: null, done, total });
    return {
      file,
      createdAt: header.createdAt,
      sourceEngine: header.engine,
      engine: database.kind,
      tables: header.tables,
      rows: done,
      migrated: later.map((m) => m.name),
    };
  });
}

async function applyMigration(session: SqlSession, migration: Migration, appliedAt: string | undefined): Promise<void> {
  try {
    await session.exec(migration.sql);
  } catch (error) {
    throw new BackupError(`迁移 ${migration.name} 失败 / migration ${migration.name} failed during restore: ${(error as Error).message}`);
  }
  await session.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, coalesce($4::text::timestamptz, now()))', [
    migration.version,
    migration.name,
    migration.checksum,
    appliedAt ?? null,
  ]);
}

async function clearSeededRows(session: SqlSession): Promise<void> {
  const seeded: string[] = [];
  for (const name of await listTables(session)) {
    const [row] = await session.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${qualified(name)}) AS present`);
    if (row?.present) seeded.push(name);
  }
  if (seeded.length === 0) return;
  try {
    await session.exec(`TRUNCATE ${seeded.map((t) => qualified(t)).join(', ')} CASCADE`);
  } catch (error) {
    throw new BackupError(`cannot clear the rows that migrations seeded into ${seeded.join(', ')} before loading the backup: ${(error as Error).message}`);
  }
}

/** Inserts one table's rows in multi-row INSERTs with an explicit column list and a cast per value. */
class TableLoader {
  private batch: { values: (string | null)[]; line: number }[] = [];

  private constructor(
    private readonly session: SqlSession,
    private readonly file: string,
    readonly table: string,
    private readonly columns: BackupColumn[],
    private readonly targets: ColumnInfo[],
    private readonly overriding: boolean,
    private readonly batchSize: number,
  ) {}

  static async create(session: SqlSession, file: string, section: BackupSection): Promise<TableLoader> {
    const [exists] = await session.query<{ present: boolean }>('SELECT to_regclass($1::text) IS NOT NULL AS present', [qualified(section.table)]);
    if (!exists?.present) throw new BackupError(`table ${section.table} in the backup ${file} does not exist in the restored schema (migrations and data disagree)`);
    const info = await describeTable(session, section.table);
    const byName = new Map(info.columns.map((c) => [c.name, c]));
    const targets = section.columns.map((c) => {
      const target = byName.get(c.name);
      if (!target) throw new BackupError(`column ${section.table}.${c.name} in the backup ${file} does not exist in the restored schema`);
      return target;
    });
    // Postgres allows at most 65535 parameters per statement.
    const batchSize = Math.max(1, Math.min(500, Math.floor(30_000 / section.columns.length)));
    return new TableLoader(session, file, section.table, section.columns, targets, info.columns.some((c) => c.identityAlways), batchSize);
  }

  async add(row: BackupRow, line: number): Promise<void> {
    this.batch.push({ values: this.columns.map((c) => encodeParameter(c, row[c.name])), line });
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const width = this.columns.length;
    const tuples = this.batch.map(
      (_, r) => `(${this.targets.map((target, c) => insertExpression(`$${r * width + c + 1}`, target, this.columns[c]!.encoding)).join(', ')})`,
    );
    const sqlText =
      `INSERT INTO ${qualified(this.table)} (${this.columns.map((c) => quoteIdent(c.name)).join(', ')})` +
      `${this.overriding ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES ${tuples.join(', ')}`;
    const first = this.batch[0]!.line;
    const last = this.batch[this.batch.length - 1]!.line;
    const params = this.batch.flatMap((b) => b.values);
    this.batch = [];
    try {
      await this.session.query(sqlText, params);
    } catch (error) {
      throw new BackupError(
        `恢复失败，已回滚，原有数据未改变 / restore failed and was rolled back; the previous data is unchanged. ` +
          `Table ${this.table}, rows on lines ${first}–${last} of ${this.file}: ${(error as Error).message}`,
      );
    }
  }
}

function encodeParameter(column: BackupColumn, value: unknown): string | null {
  if (value === undefined || (value === null && column.encoding !== 'json')) return null;
  switch (column.encoding) {
    case 'json':
      return JSON.stringify(value);
    case 'array':
      return toArrayLiteral(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

// ----------------------------------------------------------------------------------------------------------

/**
 * Tables that hold data: rows other than those the migrations seed (catalogues). Restore replaces data
 * only when told to; a freshly migrated database counts as empty.
 */
export async function inspectExistingData(database: Database, migrations: Migration[] = loadMigrations()): Promise<{ name: string; rows: number }[]> {
  const seeded = (await seededRowCounts(database, migrations)) ?? new Map<string, number>();
  return inTransaction(database, 'snapshot-read', async (session) => {
    const found: { name: string; rows: number }[] = [];
    for (const name of await listTables(session)) {
      const [row] = await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(name)}`);
      const rows = Number(row!.n);
      if (rows > 0 && rows !== seeded.get(name)) found.push({ name, rows });
    }
    return found;
  });
}

class RollBack extends Error {}

/**
 * How many rows the migrations put in each table: they are run in a scratch schema inside a transaction
 * that is always rolled back. Null if that is not possible (a migration naming the public schema itself),
 * in which case every row counts as data.
 */
async function seededRowCounts(database: Database, migrations: Migration[]): Promise<Map<string, number> | null> {
  const scratch = `biomfg_probe_${crypto.randomBytes(6).toString('hex')}`;
  const counts = new Map<string, number>();
  try {
    await inTransaction(database, 'write', async (session) => {
      await session.exec(`CREATE SCHEMA ${scratch}; SET LOCAL search_path TO ${scratch};`);
      for (const migration of migrations) await session.exec(migration.sql);
      for (const name of await listTables(session, scratch)) {
        const [row] = await session.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(name, scratch)}`);
        counts.set(name, Number(row!.n));
      }
      throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return counts;
    return null;
  }
  return null;
}

export { BackupFileError };
