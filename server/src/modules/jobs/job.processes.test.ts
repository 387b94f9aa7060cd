import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/test-db.ts';
import { loadConfig } from '../../config/config.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createScheduler, INTERRUPTED_ERROR } from './job.scheduler.ts';
import { insertRequest } from './job.repository.ts';

/**
 * Jobs across processes (issue 10 §3): on PostgreSQL two server processes run the same schedule and each
 * slot runs exactly once; a process killed in the middle of a run leaves it recorded as interrupted
 * (failed) and another process retries it. The embedded engine admits one process per data folder, so
 * there the schedule race is between two runners in one process and the restart is a second process
 * opening the folder after the first was killed.
 */

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURE = path.join(REPO, 'server/src/modules/jobs/job-worker.fixture.ts');

interface Worker {
  child: ChildProcess;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  closed: Promise<number | null>;
}

function startWorker(mode: 'probe' | 'slow', target: { url?: string; dataDir?: string }): Worker {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (target.url) env.DATABASE_URL = target.url;
  const args = ['--import', 'tsx', FIXTURE, mode, ...(target.dataDir ? [target.dataDir] : [])];
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    closed,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(stdout);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; stdout: ${stdout.slice(-500)}; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function assertOncePerSlot(database: Database): Promise<number> {
  const probes = await database.query<{ n: number; slots: number }>('SELECT count(*)::int AS n, count(DISTINCT slot_at)::int AS slots FROM job_probe');
  const runs = await database.query<{ n: number; slots: number; attempts: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT slot_key)::int AS slots, max(attempt)::int AS attempts FROM job_runs WHERE job = 'probe-every-second'`,
  );
  expect(probes[0]!.n).toBe(probes[0]!.slots);
  expect(runs[0]!.n).toBe(runs[0]!.slots);
  expect(runs[0]!.attempts).toBe(1);
  expect(probes[0]!.n).toBe(runs[0]!.n);
  return probes[0]!.n;
}

describe('a schedule slot runs once across processes', () => {
  it('two runners on one database run each one-second slot exactly once', async () => {
    const test = await createTestDatabase();
    try {
      await test.database.execScript('CREATE TABLE job_probe (slot_at timestamptz NOT NULL, worker text NOT NULL)');
      if (test.url) {
        // Two real server processes with their own connections, racing for every slot.
        const a = startWorker('probe', { url: test.url });
        const b = startWorker('probe', { url: test.url });
        try {
          await Promise.all([a.waitFor(/ready/), b.waitFor(/ready/)]);
          await sleep(4000);
        } finally {
          a.child.kill('SIGTERM');
          b.child.kill('SIGTERM');
          await Promise.all([a.closed, b.closed]);
        }
        const workers = await test.database.query<{ worker: string }>('SELECT DISTINCT worker FROM job_probe');
        expect(workers.length).toBeGreaterThanOrEqual(1);
      } else {
        const jobs = [
          {
            name: 'probe-every-second',
            titleZh: '测试',
            titleEn: 'probe',
            schedule: '* * * * * *',
            async run(ctx: { database: Database; slotAt: Date }) {
              await ctx.database.query('INSERT INTO job_probe (slot_at, worker) VALUES ($1, $2)', [ctx.slotAt, 'in-process']);
            },
          },
        ];
        const a = createScheduler({ database: test.database, config, jobs, tickMs: 50 });
        const b = createScheduler({ database: test.database, config, jobs, tickMs: 50 });
        await Promise.all([a.start(), b.start()]);
        await sleep(3500);
        await Promise.all([a.stop(), b.stop()]);
      }
      expect(await assertOncePerSlot(test.database)).toBeGreaterThanOrEqual(2);
    } finally {
      await test.cleanup();
    }
  }, 120_000);
});

describe('a restart in the middle of a job', () => {
  it('records the cut-off run as failed and retries it', async () => {
    const test = await createTestDatabase();
    const dataDir = test.url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-jobs-'));
    let database = test.database;
    try {
      if (dataDir) {
        database = await openDatabase({ dataDir });
        await migrate(database);
      }
      await insertRequest(database, 'slow-probe', new Date(Date.now() - 1000), {}, null);
      if (dataDir) await database.close();

      const first = startWorker('slow', { url: test.url, dataDir });
      await first.waitFor(/started 1/);
      first.child.kill('SIGKILL');
      await first.closed;

      const second = startWorker('slow', { url: test.url, dataDir });
      try {
        await second.waitFor(/done 2/);
      } finally {
        second.child.kill('SIGTERM');
        await second.closed;
      }
      if (dataDir) database = await openDatabase({ dataDir });
      const runs = await database.query<{ attempt: number; status: string; error: string | null; finished_at: Date | null; worker: string }>(
        `SELECT attempt, status, error, finished_at, worker FROM job_runs WHERE job = 'slow-probe' ORDER BY attempt`,
      );
      expect(runs.map((r) => [r.attempt, r.status])).toEqual([
        [1, 'failed'],
        [2, 'succeeded'],
      ]);
      expect(runs[0]!.error).toBe(INTERRUPTED_ERROR);
      expect(runs[0]!.finished_at).not.toBeNull();
      expect(runs[0]!.worker).not.toBe(runs[1]!.worker);
    } finally {
      if (dataDir) {
        await database.close().catch(() => {});
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      await test.cleanup();
    }
  }, 120_000);
});
