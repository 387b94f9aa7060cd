import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../modules/audit/audit.verify.ts';
import { keyProviderFor } from '../modules/crypto/keyring.ts';
import { openDatabase, type Database } from './client.ts';
import { DataDirLockedError } from './data-dir-lock.ts';

/**
 * kill -9 in the middle of writing must never corrupt the embedded database's folder: a child process
 * writes transactions (rows + counter + audit record) until it is killed at a different moment each round;
 * the folder is then reopened here (taking over the dead process's lock) and checked.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = path.join(REPO, 'server/src/db/crash-writer.fixture.ts');

interface Writer {
  child: ChildProcess;
  pid: number;
  lines: string[];
  /** The highest "committed N" the child printed so far. */
  committed(): number;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  waitForCommitted(n: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process has exited and its output is drained. */
  closed: Promise<number | null>;
}

const auditKeyFile = (dataDir: string) => path.join(dataDir, 'audit.key');
const auditKeys = (dataDir: string) => keyProviderFor({ env: 'test', dataDir, secretKeyFile: undefined, auditKeyFile: auditKeyFile(dataDir) });

function startWriter(dataDir: string, extra: string[] = []): Writer {
  // The writer keys the audit chain with the folder's key file, which the verification below reads too.
  const env: NodeJS.ProcessEnv = { ...process.env, AUDIT_KEY_FILE: auditKeyFile(dataDir) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, ...extra], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let pending = '';
  let last = 0;
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      const m = /^committed (\d+)$/.exec(line);
      if (m) last = Number(m[1]);
    }
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitUntil = (check: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const poll = () => {
        if (check()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; stdout tail: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      const onClose = () => {
        if (!check()) {
          cleanup();
          reject(new Error(`writer exited before ${what}; stderr: ${stderr.slice(-2000)}`));
        }
      };
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(poll);
        child.off('close', onClose);
      };
      waiters.add(poll);
      child.on('close', onClose);
      poll();
    });
  return {
    child,
    pid: child.pid!,
    lines,
    committed: () => last,
    async waitFor(pattern, timeoutMs = 180_000) {
      let match: RegExpMatchArray | null = null;
      await waitUntil(() => lines.some((l) => (match = l.match(pattern)) !== null), `a line matching ${pattern}`, timeoutMs);
      return match!;
    },
    waitForCommitted: (n, timeoutMs = 240_000) => waitUntil(() => last >= n, `${n} committed transactions`, timeoutMs),
    closed,
  };
}

interface FolderState {
  counter_rows: string;
  counter_txs: string;
  rows: string;
  distinct_txs: string;
  max_tx: string;
  partial_txs: string;
  audit_records: string;
  last_audited_tx: string;
  rows_via_index: string;
}

async function checkFolder(database: Database): Promise<FolderState> {
  const [state] = await database.query<Omit<FolderState, 'rows_via_index'>>(`
    SELECT (SELECT rows FROM crash_counter WHERE id = 1)::text AS counter_rows,
           (SELECT txs FROM crash_counter WHERE id = 1)::text AS counter_txs,
           (SELECT count(*) FROM crash_rows)::text AS rows,
           (SELECT count(DISTINCT tx) FROM crash_rows)::text AS distinct_txs,
           (SELECT coalesce(max(tx), 0) FROM crash_rows)::text AS max_tx,
           (SELECT count(*) FROM (SELECT tx FROM crash_rows GROUP BY tx HAVING count(*) <> 1 + tx % 5) partial)::text AS partial_txs,
           (SELECT count(*) FROM audit_log WHERE action = 'crash.write')::text AS audit_records,
           (SELECT coalesce(max(object_id::bigint), 0) FROM audit_log WHERE action = 'crash.write')::text AS last_audited_tx`);
  // The same count through the primary-key index: index and table must agree after recovery.
  await database.execScript('SET enable_seqscan = off; SET enable_bitmapscan = off;');
  const [viaIndex] = await database.query<{ n: string }>('SELECT count(*)::text AS n FROM crash_rows WHERE id > 0');
  await database.execScript('RESET enable_seqscan; RESET enable_bitmapscan;');
  return { ...state!, rows_via_index: viaIndex!.n };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!!process.env.DATABASE_URL)('crash safety of the embedded database', () => {
  let dataDir: string;
  /** Left open by the crash test for the lock test, to save opening the folder once more. */
  let reopened: Database | null = null;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-crash-'));
  });
  afterAll(async () => {
    await reopened?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 during writes never loses a committed transaction nor leaves half of one (3 rounds)', { timeout: 900_000 }, async () => {
    let lastReported = 0;
    // How many transactions each round writes before the kill, and a delay that moves the kill to a
    // different point of the transaction cycle (insert, update, audit append, commit, print).
    const rounds = [
      { transactions: 300, delayMs: 0 },
      { transactions: 250, delayMs: 7 + Math.floor(Math.random() * 40) },
      { transactions: 400, delayMs: 1 + Math.floor(Math.random() * 5) },
    ];
    for (const [index, round] of rounds.entries()) {
      const writer = startWriter(dataDir);
      const ready = await writer.waitFor(/^ready (\d+) (\d+)$/);
      const startedAt = Number(ready[2]);
      expect(startedAt, `round ${index + 1}: the writer found every transaction committed before`).toBeGreaterThanOrEqual(lastReported);
      await writer.waitForCommitted(startedAt + Math.floor(round.transactions / 2));

      // While it writes, no other process may open the folder; the refusal names the writer.
      const refusal = await openDatabase({ dataDir }).then(
        async (unexpected) => {
          await unexpected.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(DataDirLockedError);
      expect((refusal as DataDirLockedError).pid).toBe(writer.pid);
      expect((refusal as Error).message).toContain(`process ${writer.pid}`);

      await writer.waitForCommitted(startedAt + round.transactions);
      if (round.delayMs) await sleep(round.delayMs);
      writer.child.kill('SIGKILL');
      const code = await writer.closed;
      expect(code, 'killed, not exited').toBeNull();
      // Every line it printed (also those still in the pipe when it died) names a committed transaction.
      const reported = writer.committed();
      expect(reported - startedAt).toBeGreaterThanOrEqual(round.transactions);

      // The dead writer's lock file is still there and is taken over.
      const lockFile = path.join(dataDir, 'biomfg.lock');
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(writer.pid));
      const database = await openDatabase({ dataDir });
      let keepOpen = false;
      try {
        expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
        const state = await checkFolder(database);
        const txs = Number(state.counter_txs);
        expect(txs, `round ${index + 1}: committed ≥ last reported`).toBeGreaterThanOrEqual(reported);
        // At most the one transaction in flight at the kill can have committed without being printed.
        expect(txs).toBeLessThanOrEqual(reported + 1);
        expect(state).toEqual({
          counter_rows: state.rows,
          counter_txs: String(txs),
          rows: state.rows,
          distinct_txs: String(txs),
          max_tx: String(txs),
          partial_txs: '0',
          audit_records: String(txs),
          last_audited_tx: String(txs),
          rows_via_index: state.rows,
        });
        const audit = await verifyAuditLog(database.db, auditKeys(dataDir));
        expect(audit).toEqual({ ok: true, checked: txs, firstBroken: null });
        lastReported = reported;
        keepOpen = index === rounds.length - 1;
      } finally {
        if (keepOpen) reopened = database;
        else await database.close();
      }
    }
  });

  it('refuses a second process while this one has the folder open, naming this pid', { timeout: 300_000 }, async () => {
    const database = reopened ?? (await openDatabase({ dataDir }));
    reopened = null;
    try {
      const second = startWriter(dataDir);
      expect(await second.closed).toBe(3);
      expect(second.lines).toContain(`locked ${process.pid}`);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'biomfg.lock')), 'a clean close removes the lock').toBe(false);
  });
});
