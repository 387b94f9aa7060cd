import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

/**
 * Applies pending migrations in order, each in its own transaction. A migration that has landed is never
 * edited: a changed checksum stops the start-up instead of leaving two databases with different schemas.
 */
export async function migrate(
  database: Database,
  onProgress: (message: string) => void = () => {},
): Promise<{ applied: string[] }> {
  // Under the migrations' lock: two servers starting at once on an empty PostgreSQL would otherwise both
  // create the table (IF NOT EXISTS does not stop a concurrent CREATE).
  await database.execScript(`BEGIN; SELECT pg_advisory_xact_lock(724133); CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); COMMIT;`);
  const applied = new Map(
    (await database.query<{ version: string; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations')).map(
      (r) => [r.version, r],
    ),
  );
  const done: string[] = [];
  for (const migration of loadMigrations()) {
    const existing = applied.get(migration.version);
    if (existing) {
      if (existing.checksum !== migration.checksum) {
        throw new MigrationError(
          `迁移 ${migration.name} 已应用但文件已被修改（校验和不同）。已发布的迁移不得修改，请新增迁移。\n` +
            `Migration ${migration.name} was applied but its file changed since; add a new migration instead.`,
        );
      }
      continue;
    }
    onProgress(`applying ${migration.name}`);
    // A transaction-level advisory lock keeps two servers starting at once from applying the same migration.
    const outcome = await database.execScript(
      `BEGIN; SELECT pg_advisory_xact_lock(724133); ${migration.sql}\n;` +
        `INSERT INTO schema_migrations (version, name, checksum) VALUES ('${migration.version}', '${migration.name}', '${migration.checksum}'); COMMIT;`,
    ).catch(async (error: unknown) => {
      // Several servers starting at once on one PostgreSQL: each read the list before the lock, so the ones
      // that waited find the migration applied by the first (their own attempt failed and rolled back).
      if (await appliedByAnother(database, migration)) return 'skipped';
      throw new MigrationError(`迁移 ${migration.name} 失败 / migration failed: ${(error as Error).message}`);
    });
    if (outcome === 'skipped') continue;
    done.push(migration.name);
  }
  return { applied: done };
}

async function appliedByAnother(database: Database, migration: Migration): Promise<boolean> {
  const [row] = await database
    .query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [migration.version])
    .catch(() => []);
  return row?.checksum === migration.checksum;
}
