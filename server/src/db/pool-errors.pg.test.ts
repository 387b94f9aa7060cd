import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { openDatabase, type Database } from './client.ts';

/**
 * A PostgreSQL restart, failover or an administrator's terminate ends the server's idle connections. The
 * process must survive it (no uncaught exception) and the next query must work on a new connection.
 */
let tdb: TestDatabase;
let database: Database;
beforeAll(async () => {
  tdb = await createTestDatabase();
  database = await openDatabase({ databaseUrl: tdb.url! });
}, 120_000);
afterAll(async () => {
  await database?.close();
  await tdb?.cleanup();
});

describe('an idle connection ended by the server', () => {
  it('is dropped from the pool without an uncaught exception, and the next query reconnects', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const [before] = await database.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Another session ends it, as an administrator or a restart would.
      const [ended] = await tdb.database.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [before!.pid]);
      expect(ended!.ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [after] = await database.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(after!.pid).not.toBe(before!.pid);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
