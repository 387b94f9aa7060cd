import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { appendAuditRecord } from '../audit/audit.repository.ts';
import { verifyAuditLog } from '../audit/audit.verify.ts';
import { BackupError, BackupFileError, createBackup, inspectExistingData, restoreBackup, verifyBackup, type BackupProgress } from './backup.service.ts';
import { readBackupLines, seedSample, snapshotDatabase, writeBackupLines } from './backup-test-helpers.ts';

// Runs on the embedded database, and on PostgreSQL when DATABASE_URL is set (test/test-db.ts).
// Each test opens fresh databases and restores into them: generous timeouts for slow CI machines.
const SLOW = { timeout: 180_000 };

let source: TestDatabase;
let dir: string;
let backupFile: string;
let sourceSnapshot: Record<string, string[]>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-backup-test-'));
  source = await createTestDatabase();
  await seedSample(source.database);
  sourceSnapshot = await snapshotDatabase(source.database);
  backupFile = path.join(dir, 'source.backup.gz');
  // A tiny page size makes every table with more than a handful of rows take the keyset-paging path.
  await createBackup(source.database, backupFile, () => {}, { pageSize: 4 });
}, 300_000);

afterAll(async () => {
  await source?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup file', () => {
  it('starts with the header, ends with the trailer, and lists the tables in dependency order', () => {
    const lines = readBackupLines(backupFile).map((l) => JSON.parse(l));
    const header = lines[0];
    expect(header).toMatchObject({ format: 'biomfg-backup', version: 1, engine: source.database.kind });
    expect(header.migrations.map((m: { name: string }) => m.name)).toEqual(loadMigrations().map((m) => m.name));
    const names: string[] = header.tables.map((t: { name: string }) => t.name);
    expect(names).not.toContain('schema_migrations');
    for (const [child, parent] of [
      ['users', 'password_history'],
      ['users', 'sessions'],
      ['zones', 'carriers'],
      ['carriers', 'enterprises'],
      ['domains', 'domain_subfields'],
    ]) {
      expect(names.indexOf(child!)).toBeLessThan(names.indexOf(parent!));
    }
    for (const t of header.tables) expect(t.rows).toBe(sourceSnapshot[t.name]!.length);
    expect(lines.at(-1)).toMatchObject({ trailer: 'biomfg-backup', rows: lines.length - 2 - names.length });
  });

  it('keeps exact values: NUMERIC and bigint as strings, timestamps as ISO with microseconds, jsonb as JSON, arrays as arrays', () => {
    const lines = readBackupLines(backupFile).map((l) => JSON.parse(l));
    const enterprise = lines.find((l) => l.uscc === '91310116MA1JX8BQ2T');
    expect(enterprise.tags).toEqual(['合成生物', 'with "quotes"', 'comma, brace {x}', 'back\\slash', 'NULL', '']);
    expect(enterprise.founded_on).toBe('2019-02-28');
    expect(enterprise.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect('subfield' in enterprise).toBe(false); // SQL NULL is left out
    const audit = lines.find((l) => l.action === 'report.submit' && l.before);
    expect(typeof audit.seq).toBe('string');
    expect(audit.before.revenue).toBe('12345678901234567890.12');
    expect(audit.after.nothing).toBeNull();
    const zone = lines.find((l) => typeof l.lon === 'string' && l.base_zh);
    expect(zone.lon).toMatch(/^\d+\.\d{6}$/);
  });

  it('reports progress up to the total number of rows', async () => {
    const events: BackupProgress[] = [];
    const file = path.join(dir, 'progress.backup.gz');
    const summary = await createBackup(source.database, file, (p) => events.push(p));
    expect(events[0]).toMatchObject({ phase: 'backup', done: 0, total: summary.rows });
    expect(events.at(-1)).toMatchObject({ phase: 'backup', table: null, done: summary.rows, total: summary.rows });
    expect(summary.rows).toBe(Object.entries(sourceSnapshot).filter(([t]) => t !== 'schema_migrations').reduce((n, [, rows]) => n + rows.length, 0));
  });
});

describe('restore', () => {
  // One target database, restored over and over: each restore replaces everything, which is the point.
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase();
  }, 180_000);
  afterAll(async () => target?.cleanup());

  it('restores a backup of a database without migrations by creating the schema with this version’s migrations', SLOW, async () => {
    // A database that never ran a migration: its backup lists no migrations and no tables.
    await target.database.execScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const bareFile = path.join(dir, 'bare.backup.gz');
    await createBackup(target.database, bareFile);
    expect(JSON.parse(readBackupLines(bareFile)[0]!)).toMatchObject({ migrations: [], tables: [] });

    const summary = await restoreBackup(target.database, bareFile);
    expect(summary.migrated).toEqual(loadMigrations().map((m) => m.name));
    const applied = await target.database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(applied.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    // Rows that migrations seed (catalogues) do not count as data.
    expect(await inspectExistingData(target.database)).toEqual([]);
  });

  it('round-trips every table row for row into a fresh database, and the audit chain verifies', SLOW, async () => {
    const summary = await restoreBackup(target.database, backupFile);
    expect(summary.migrated).toEqual([]);
    expect(await snapshotDatabase(target.database)).toEqual(sourceSnapshot);
    const audit = await verifyAuditLog(target.database.db);
    expect(audit).toEqual({ ok: true, checked: sourceSnapshot.audit_log!.length, firstBroken: null });

    // Sequences were moved past the restored rows, and the chain continues from its restored tail.
    const [next] = await target.database.query<{ id: string }>(
      `INSERT INTO password_history (user_id, password_hash) SELECT user_id, 'new' FROM password_history LIMIT 1 RETURNING id::text AS id`,
    );
    const maxBefore = Math.max(...sourceSnapshot.password_history!.map((r) => Number(JSON.parse(r).id)));
    expect(Number(next!.id)).toBeGreaterThan(maxBefore);
    await target.database.db.transaction(async (tx) => {
      await appendAuditRecord(tx as unknown as Db, { actorUserId: null, actorUsername: 'system', actorRole: null, ip: null, requestId: null, action: 'after.restore', outcome: 'success' }, new Date());
    });
    expect(await verifyAuditLog(target.database.db)).toMatchObject({ ok: true, checked: sourceSnapshot.audit_log!.length + 1 });
    expect((await inspectExistingData(target.database)).map((t) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'users']));
  });

  it('passes the data of a backup made before later migrations through them', SLOW, async () => {
    const newer = [...loadMigrations(), { version: '9990', name: '9990_users_shout', checksum: 'x', sql: `ALTER TABLE users ADD COLUMN shout text; UPDATE users SET shout = upper(username);` }];
    const result = await restoreBackup(target.database, backupFile, () => {}, { migrations: newer });
    expect(result.migrated).toEqual(['9990_users_shout']);
    const shouted = await target.database.query<{ shout: string }>('SELECT shout FROM users ORDER BY shout');
    expect(shouted.map((r) => r.shout)).toEqual(['USER0', 'USER1', 'USER2']);
  });

  it('replaces existing data and schema completely', SLOW, async () => {
    // The database now has rows added after the first restore and a column from a migration the backup
    // does not know: all of it goes.
    await restoreBackup(target.database, backupFile);
    expect(await snapshotDatabase(target.database)).toEqual(sourceSnapshot);
    const [column] = await target.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'shout'`);
    expect(column!.n).toBe(0);
    expect((await verifyAuditLog(target.database.db)).ok).toBe(true);
  });

  it.runIf(process.env.DATABASE_URL)('moves PostgreSQL data to the embedded engine and back', SLOW, async () => {
    const embedded = await openDatabase({ inMemory: true });
    try {
      await restoreBackup(embedded, backupFile);
      expect(await snapshotDatabase(embedded)).toEqual(sourceSnapshot);
      expect((await verifyAuditLog(embedded.db)).ok).toBe(true);
      const fromEmbedded = path.join(dir, 'from-embedded.backup.gz');
      await createBackup(embedded, fromEmbedded);
      expect(JSON.parse(readBackupLines(fromEmbedded)[0]!).engine).toBe('pglite');
      await target.database.execScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await restoreBackup(target.database, fromEmbedded);
      expect(await snapshotDatabase(target.database)).toEqual(sourceSnapshot);
      expect((await verifyAuditLog(target.database.db)).ok).toBe(true);
    } finally {
      await embedded.close();
    }
  });
});

describe('a damaged or foreign file, or a failure during the load, leaves the data as it was', () => {
  let target: TestDatabase;
  let before: Record<string, string[]>;
  beforeAll(async () => {
    target = await createTestDatabase();
    await seedSample(target.database, { users: 1, auditRecords: 4 });
    before = await snapshotDatabase(target.database);
  }, 180_000);
  afterAll(async () => target?.cleanup());

  const variants: [string, (lines: string[], file: string) => void, RegExp][] = [
    [
      'a changed value in a row',
      (lines, file) => {
        const i = lines.findIndex((l) => l.includes('"action":"report.submit"'));
        lines[i] = lines[i]!.replace('"outcome":"success"', '"outcome":"denied"').replace('"outcome":"failure"', '"outcome":"denied"');
        writeBackupLines(file, lines);
      },
      /table audit_log does not match its checksum/,
    ],
    [
      'a row removed, counts fixed, checksums not',
      (lines, file) => {
        const header = JSON.parse(lines[0]!);
        header.tables.find((t: { name: string }) => t.name === 'departments').rows -= 1;
        const i = lines.findIndex((l) => l.startsWith('{"table":"departments"'));
        lines.splice(i + 1, 1);
        lines[0] = JSON.stringify(header);
        writeBackupLines(file, lines);
      },
      /trailer does not match the header for table departments|does not match its checksum/,
    ],
    [
      'the trailer cut off',
      (lines, file) => writeBackupLines(file, lines.slice(0, -1)),
      /ends after line \d+ where the trailer was expected: truncated/,
    ],
    [
      'the file cut in the middle of the compressed data',
      (_lines, file) => {
        const whole = fs.readFileSync(backupFile);
        fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
      },
      /truncated/,
    ],
    [
      'a line that is not JSON',
      (lines, file) => {
        const i = lines.findIndex((l) => l.startsWith('{"table":"users"'));
        lines[i + 1] = lines[i + 1]!.slice(0, 20);
        writeBackupLines(file, lines);
      },
      /line \d+: row 1 of \d+ of table users is not valid JSON/,
    ],
    ['a file that is not gzip', (_lines, file) => fs.writeFileSync(file, 'id,name\n1,x\n'), /not a gzip file/],
    ['gzip JSON lines of another program', (_lines, file) => writeBackupLines(file, ['{"format":"other","version":1}', '{}']), /line 1: not a biomfg backup/],
    [
      'an unsupported format version',
      (lines, file) => {
        const header = JSON.parse(lines[0]!);
        header.version = 2;
        lines[0] = JSON.stringify(header);
        writeBackupLines(file, lines, { refreshChecksums: true });
      },
      /line 1: backup format version 2 is not supported/,
    ],
  ];

  for (const [name, damage, message] of variants) {
    it(`refuses ${name}`, async () => {
      const file = path.join(dir, `damaged-${name.replace(/\W+/g, '-')}.gz`);
      damage(readBackupLines(backupFile), file);
      const failure = await restoreBackup(target.database, file).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(BackupFileError);
      expect((failure as Error).message).toMatch(message);
      expect((failure as Error).message).toContain(file);
    });
  }

  it('refuses a backup made by a newer version (a migration this code does not have)', async () => {
    const lines = readBackupLines(backupFile);
    const header = JSON.parse(lines[0]!);
    header.migrations.push({ version: '9999', name: '9999_from_the_future', checksum: 'abc' });
    lines[0] = JSON.stringify(header);
    const file = path.join(dir, 'newer.backup.gz');
    writeBackupLines(file, lines, { refreshChecksums: true });
    await expect(verifyBackup(file)).rejects.toThrow(BackupError);
    await expect(restoreBackup(target.database, file)).rejects.toThrow(/9999_from_the_future/);
  });

  it('left the data exactly as it was', async () => {
    expect(await snapshotDatabase(target.database)).toEqual(before);
    expect((await verifyAuditLog(target.database.db)).ok).toBe(true);
  });

  it('rolls back a restore that fails in the middle: the previous data stays intact', SLOW, async () => {
    // The last row of the last non-empty table gets a value its column's type rejects; the checksums are
    // then recomputed, so the file verifies and only the database can refuse it, late in the load.
    const lines = readBackupLines(backupFile);
    const header = JSON.parse(lines[0]!);
    const lastRowIndex = lines.findLastIndex((l, i) => i < lines.length - 1 && !l.startsWith('{"table":'));
    const sectionIndex = lines.findLastIndex((l, i) => i < lastRowIndex && l.startsWith('{"table":'));
    const section = JSON.parse(lines[sectionIndex]!);
    const victim = section.columns.find((c: { type: string; encoding: string }) => c.encoding === 'text' && !/^(text|character)/.test(c.type));
    expect(victim, `a typed column in ${section.table}`).toBeTruthy();
    const row = JSON.parse(lines[lastRowIndex]!);
    row[victim.name] = 'not-a-valid-value';
    lines[lastRowIndex] = JSON.stringify(row);
    const file = path.join(dir, 'fails-late.backup.gz');
    writeBackupLines(file, lines, { refreshChecksums: true });
    expect((await verifyBackup(file)).rows).toBe(header.tables.reduce((n: number, t: { rows: number }) => n + t.rows, 0));

    const events: BackupProgress[] = [];
    const failure = await restoreBackup(target.database, file, (p) => events.push(p)).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(BackupError);
    expect(failure!.message).toMatch(new RegExp(`rolled back.*Table ${section.table}, rows on lines \\d+–${lastRowIndex + 1}`, 's'));
    // It did get far: rows of earlier tables had been inserted when it failed.
    expect(events.filter((e) => e.phase === 'restore' && e.table !== null).length).toBeGreaterThan(3);

    expect(await snapshotDatabase(target.database)).toEqual(before);
    expect((await verifyAuditLog(target.database.db)).ok).toBe(true);
    // The database is usable afterwards (nothing left half-done, no transaction left open).
    await restoreBackup(target.database, backupFile);
    expect(await snapshotDatabase(target.database)).toEqual(sourceSnapshot);
  });
});
