/**
 * Test fixture for crash-safety.test.ts (not part of the application): opens the embedded database in a
 * data folder and writes transactions until it is killed.
 *
 *   node --import tsx server/src/db/crash-writer.fixture.ts DATA_DIR [--hold]
 *
 * Each transaction inserts k rows (1–5) into crash_rows, adds k to the counter row and appends one audit
 * record, so after any crash: counter.rows = count(crash_rows), counter.txs = number of audit records
 * written here. After each commit it prints "committed N" (stdout is a pipe: the write is synchronous on
 * Linux, so a printed number was committed before it was printed). With --hold it opens the folder and
 * waits, holding the lock. If the folder is locked by another process it prints "locked PID" and exits 3.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from './client.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { appendAuditRecord } from '../modules/audit/audit.repository.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: crash-writer.fixture.ts DATA_DIR [--hold]\n');
  process.exit(2);
}

let database: Database;
try {
  database = await openDatabase({ dataDir });
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stdout.write(`locked ${error.pid}\n`);
    process.exit(3);
  }
  throw error;
}
await migrate(database);
await database.execScript(`
  CREATE TABLE IF NOT EXISTS crash_rows (id bigserial PRIMARY KEY, tx bigint NOT NULL, payload text NOT NULL);
  CREATE TABLE IF NOT EXISTS crash_counter (id integer PRIMARY KEY, rows bigint NOT NULL, txs bigint NOT NULL);
  INSERT INTO crash_counter VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
`);
const [start] = await database.query<{ txs: string }>('SELECT txs::text AS txs FROM crash_counter WHERE id = 1');
let committed = Number(start!.txs);
process.stdout.write(`ready ${process.pid} ${committed}\n`);

if (process.argv.includes('--hold')) {
  setInterval(() => {}, 60_000);
} else {
  for (;;) {
    const next = committed + 1;
    const k = 1 + (next % 5);
    await database.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`INSERT INTO crash_rows (tx, payload) SELECT ${next}, repeat('x', 300) || g FROM generate_series(1, ${k}) g`);
      await tx.execute(sql`UPDATE crash_counter SET rows = rows + ${k}, txs = txs + 1 WHERE id = 1`);
      await appendAuditRecord(
        tx,
        { actorUserId: null, actorUsername: 'crash-writer', actorRole: null, ip: null, requestId: null, action: 'crash.write', objectType: 'crash', objectId: String(next), outcome: 'success', details: { rows: k } },
        new Date(),
      );
    });
    committed = next;
    process.stdout.write(`committed ${committed}\n`);
  }
}
