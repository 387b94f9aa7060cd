import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { fsyncOperation } from './pglite-durability.ts';

/**
 * docs/decisions/0040: a commit on the embedded engine is on the disk before it is reported. The embedded
 * engine's own test: the PostgreSQL run skips it, as it skips crash-safety.test.ts.
 */
describe.skipIf(!!process.env.DATABASE_URL)('embedded engine durability', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-durable-'));
    database = await openDatabase({ dataDir: dir });
    await database.execScript('CREATE TABLE durable_rows (id serial PRIMARY KEY, note text NOT NULL)');
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on and the WAL synced by fsync()', async () => {
    const rows = await database.query<{ fsync: string; method: string }>(`SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS method`);
    expect(rows).toEqual([{ fsync: 'on', method: 'fsync' }]);
  });

  it('syncs a file to the disk when a transaction commits, and not for a read', async () => {
    const spy = vi.spyOn(fs, 'fsyncSync');
    try {
      await database.db.execute(sql`SELECT count(*) FROM durable_rows`);
      expect(spy).not.toHaveBeenCalled();
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO durable_rows (note) VALUES ('committed')`);
        expect(spy).not.toHaveBeenCalled();
      });
      expect(spy).toHaveBeenCalled();
      // The descriptor synced is one of this data folder's files (the WAL segment), not some other file.
      const fd = spy.mock.calls[0]![0] as number;
      expect(fs.readlinkSync(`/proc/self/fd/${fd}`)).toContain(path.join(dir, 'pgdata', 'pg_wal'));
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves an in-memory database (the tests) with PGlite\'s defaults: it has no disk', async () => {
    const memory = await openDatabase({ inMemory: true });
    try {
      expect(await memory.query(`SELECT current_setting('fsync') AS fsync`)).toEqual([{ fsync: 'off' }]);
    } finally {
      await memory.close();
    }
  });

  it('reports a failed sync as an errno for PostgreSQL, never as a thrown error', () => {
    const closed = fs.openSync(path.join(dir, 'closed-file'), 'w');
    fs.closeSync(closed);
    expect(fsyncOperation({ nfd: closed })).toBe(8); // EBADF
    const open = fs.openSync(path.join(dir, 'open-file'), 'w');
    try {
      expect(fsyncOperation({ nfd: open })).toBe(0);
    } finally {
      fs.closeSync(open);
    }
  });
});
