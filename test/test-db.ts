import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { statsViewRefreshSettled } from '../server/src/modules/statistics/index.ts';

/**
 * A fresh, migrated database for one test file.
 *
 * - Without DATABASE_URL: an embedded database in a temporary folder, copied from a migrated template
 *   that is built once per test run (opening a copied folder is several times faster than initdb).
 * - With DATABASE_URL (CI's PostgreSQL run): a new database on that server, dropped afterwards.
 *
 * Both paths run the same migrations, so every integration suite runs unchanged on both engines.
 */
export interface TestDatabase {
  database: Database;
  /** The PostgreSQL URL of this test's database (unset on the embedded engine). */
  url?: string;
  cleanup(): Promise<void>;
}

const TEMPLATE_ROOT = path.join(os.tmpdir(), 'biomfg-test-template');

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return createPostgresDatabase(url);
  const template = await ensureTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-test-'));
  fs.cpSync(template, path.join(dir, 'pgdata'), { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  await migrate(database);
  return {
    database,
    async cleanup() {
      await statsViewRefreshSettled(database.db);
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds (once per migration set) a migrated data folder that test files copy. */
async function ensureTemplate(): Promise<string> {
  const { loadMigrations } = await import('../server/src/db/migrate.ts');
  const key = crypto
    .createHash('sha256')
    .update(loadMigrations().map((m) => m.checksum).join(','))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(TEMPLATE_ROOT, key);
  const ready = path.join(dir, 'READY');
  if (fs.existsSync(ready)) return path.join(dir, 'pgdata');
  // Several test workers may race to build it: each builds in its own folder and renames atomically.
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-template-build-'));
  const database = await openDatabase({ dataDir: building });
  await migrate(database);
  await database.close();
  fs.writeFileSync(path.join(building, 'READY'), '');
  fs.mkdirSync(TEMPLATE_ROOT, { recursive: true });
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return path.join(dir, 'pgdata');
}

async function createPostgresDatabase(url: string): Promise<TestDatabase> {
  const name = `biomfg_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: testUrl.toString() });
  await migrate(database);
  return {
    database,
    url: testUrl.toString(),
    async cleanup() {
      await statsViewRefreshSettled(database.db);
      await database.close();
      await dropTestDatabase(url, name);
    },
  };
}

/**
 * Drops a test database. WITH (FORCE) cannot end a backend of another role (an autovacuum worker that just
 * started on the fresh database, for a non-superuser), so retry briefly; a leftover test database is
 * harmless and must not fail the suite.
 */
async function dropTestDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt === 10) {
        process.stderr.write(`warning: could not drop test database ${name}: ${(error as Error).message}\n`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    } finally {
      await client.end().catch(() => {});
    }
  }
}
