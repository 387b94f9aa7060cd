import crypto from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../db/client.ts';
import { loadMigrations, type Migration } from '../../db/migrate.ts';
import {
  toArrayLiteral,
  walkBackup,
  type BackupColumn,
  type BackupHeader,
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
  resetSequences,
  type ColumnInfo,
} from './schema-catalog.ts';
import { inTransaction, quoteIdent, type SqlSession } from './sql-session.ts';
import { BackupError, PROGRESS_EVERY, type BackupOptions, type ProgressListener } from './backup.types.ts';

/** Verification and restore of a logical backup (format: backup-file.ts). */

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

