import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { dueSlot, parseSchedule, retryAt } from '../../domain/jobs/job-timing.ts';
import { featureJobs } from '../../app/feature-jobs.ts';
import { createScheduler, INTERRUPTED_ERROR } from './job.scheduler.ts';
import { databaseMaintenanceJob } from './housekeeping.jobs.ts';
import { insertRequest } from './job.repository.ts';
import type { JobDefinition } from './job.types.ts';

let t: TestApp;
let commission: Session;
beforeAll(async () => {
  t = await createTestApp();
  commission = await activeSession(t, 'jobs_commission', 'commission');
});
afterAll(async () => t?.close());

const runsOf = (job: string) =>
  t.deps.database.query<{ attempt: number; status: string; error: string | null; retry_at: Date | null; slot_key: string; trigger: string }>(
    'SELECT attempt, status, error, retry_at, slot_key, trigger FROM job_runs WHERE job = $1 ORDER BY id',
    [job],
  );

/** A clock the test moves; the scheduler reads it for slots, retries and staleness. */
function manualClock(iso: string) {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

describe('job timing (pure)', () => {
  it('takes the latest slot at or before now, within the catch-up window', () => {
    const daily = parseSchedule('0 9 * * *');
    // 09:00 in Shanghai is 01:00 UTC.
    expect(dueSlot(daily, new Date('2026-03-05T01:00:00Z'), 3600_000)?.toISOString()).toBe('2026-03-05T01:00:00.000Z');
    expect(dueSlot(daily, new Date('2026-03-05T01:30:00Z'), 3600_000)?.toISOString()).toBe('2026-03-05T01:00:00.000Z');
    expect(dueSlot(daily, new Date('2026-03-05T03:00:00Z'), 3600_000)).toBeNull();
    expect(() => parseSchedule('61 * * * *')).toThrow();
  });
  it('backs off exponentially up to the cap and stops after the last attempt', () => {
    const policy = { maxAttempts: 4, backoffMs: 1000, maxBackoffMs: 3000 };
    const at = new Date('2026-01-01T00:00:00Z');
    expect(retryAt(policy, 1, at)!.getTime() - at.getTime()).toBe(1000);
    expect(retryAt(policy, 2, at)!.getTime() - at.getTime()).toBe(2000);
    expect(retryAt(policy, 3, at)!.getTime() - at.getTime()).toBe(3000);
    expect(retryAt(policy, 4, at)).toBeNull();
  });
  it('every feature job has a valid schedule and a unique name', () => {
    const jobs = featureJobs();
    for (const job of jobs) if (job.schedule) expect(() => parseSchedule(job.schedule!)).not.toThrow();
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
  });
});

describe('scheduler on one database', () => {
  it('runs a slot once, retries a failure with back-off, and gives up after the last attempt', async () => {
    const clock = manualClock('2026-03-05T01:00:00.500Z');
    let calls = 0;
    const job: JobDefinition = {
      name: 'flaky-probe',
      titleZh: '测试',
      titleEn: 'flaky',
      schedule: '0 9 * * *',
      retry: { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 600_000 },
      async run() {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    };
    const s = createScheduler({ database: t.deps.database, config: t.deps.config, jobs: [job], now: clock.now });
    await s.pass();
    await s.stop();
    await s.pass(); // the same slot again: nothing new
    await s.stop();
    let runs = await runsOf('flaky-probe');
    expect(runs.map((r) => [r.attempt, r.status, r.error])).toEqual([[1, 'failed', 'boom 1']]);
    expect(new Date(runs[0]!.retry_at!).toISOString()).toBe('2026-03-05T01:01:00.500Z');
    clock.advance(30_000);
    await s.pass();
    await s.stop();
    expect((await runsOf('flaky-probe')).length).toBe(1);
    clock.advance(30_000);
    await s.pass();
    await s.stop();
    clock.advance(120_000);
    await s.pass();
    await s.stop();
    clock.advance(3600_000);
    await s.pass();
    await s.stop();
    runs = await runsOf('flaky-probe');
    expect(runs.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, 'failed', 'boom 1'],
      [2, 'failed', 'boom 2'],
      [3, 'failed', 'boom 3'],
    ]);
    expect(runs.every((r) => r.slot_key === 'cron:2026-03-05T01:00:00.000Z' && r.trigger === 'schedule')).toBe(true);
    expect(runs[2]!.retry_at).toBeNull();
  });

  it('runs a one-off request once and records a stale run as interrupted, then retries it', async () => {
    const clock = manualClock('2026-03-06T02:00:00Z');
    const seen: unknown[] = [];
    const job: JobDefinition = {
      name: 'once-probe',
      titleZh: '测试',
      titleEn: 'once',
      retry: { maxAttempts: 2, backoffMs: 1000, maxBackoffMs: 1000 },
      async run(ctx) {
        seen.push([ctx.attempt, ctx.payload]);
        return { ok: true };
      },
    };
    await insertRequest(t.deps.database, 'once-probe', clock.now(), { period: '2026-02' }, null);
    const s = createScheduler({ database: t.deps.database, config: t.deps.config, jobs: [job], now: clock.now, staleAfterMs: 5000 });
    await s.pass();
    await s.stop();
    await s.pass();
    await s.stop();
    expect(seen).toEqual([[1, { period: '2026-02' }]]);
    // A run left 'running' by a process that died: its heartbeat is older than the stale delay.
    await t.deps.database.query(
      `INSERT INTO job_runs (job, slot_key, slot_at, attempt, trigger, status, started_at, heartbeat_at, worker) VALUES ('once-probe', 'manual:dead', $1, 1, 'manual', 'running', $1, $1, 'gone:1:x')`,
      [new Date(clock.now().getTime() - 10_000)],
    );
    await s.pass();
    await s.stop();
    clock.advance(1000);
    await s.pass();
    await s.stop();
    const dead = (await runsOf('once-probe')).filter((r) => r.slot_key === 'manual:dead');
    expect(dead.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, 'failed', INTERRUPTED_ERROR],
      [2, 'succeeded', null],
    ]);
  });
});

describe('jobs API', () => {
  it('lists the jobs and runs one now for the commission, audited', async () => {
    const list = await as(t, commission)('GET', '/api/jobs');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((j: { name: string }) => j.name)).toContain('job-history-prune');
    const run = await as(t, commission)('POST', '/api/jobs/job-history-prune/run');
    expect(run.statusCode, run.body).toBe(202);
    expect(run.json()).toMatchObject({ job: 'job-history-prune', trigger: 'manual', attempt: 1 });
    await expect.poll(async () => (await as(t, commission)('GET', '/api/jobs/runs?job=job-history-prune')).json().items[0]?.status).toBe('succeeded');
    const [audit] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'job.run'`);
    expect(audit!.n).toBe(1);
    expect((await as(t, commission)('POST', '/api/jobs/no-such-job/run')).statusCode).toBe(404);
    expect((await as(t, commission)('POST', '/api/jobs/BAD%20NAME/run')).statusCode).toBe(400);
  });
});

describe('database maintenance', () => {
  it('vacuums and analyses the embedded database (it has no autovacuum), and leaves PostgreSQL to its own', async () => {
    const database = t.deps.database;
    await database.query('CREATE TABLE maintenance_probe (n int)');
    await database.query('INSERT INTO maintenance_probe SELECT generate_series(1, 500)');
    const analysed = async () => (await database.query<{ n: number }>(`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'maintenance_probe'`))[0]!.n;
    expect(await analysed()).toBe(-1);
    const ctx = { database, config: t.deps.config, slotAt: new Date(), attempt: 1, payload: {}, now: () => new Date() };
    const result = await databaseMaintenanceJob.run(ctx);
    if (database.kind === 'pglite') {
      expect(result).toMatchObject({ engine: 'pglite' });
      expect(await analysed()).toBe(500);
    } else {
      expect(result).toEqual({ engine: 'postgres', skipped: 'autovacuum' });
    }
    await database.query('DROP TABLE maintenance_probe');
  });
});
