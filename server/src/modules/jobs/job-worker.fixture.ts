/**
 * Test fixture for job.processes.test.ts (not part of the application): one server process's job runner
 * with test jobs, on DATABASE_URL or on the embedded database in DATA_DIR.
 *
 *   node --import tsx server/src/modules/jobs/job-worker.fixture.ts probe|slow [DATA_DIR]
 *
 * probe: a job scheduled every second that inserts (slot, worker) into job_probe (a table the test made).
 * slow:  a job run on request; its first attempt prints "started 1" and never ends (the test kills the
 *        process), a later attempt prints "done N".
 * Prints "ready <worker>" once the runner has started; SIGTERM stops it and exits 0.
 */
import { loadConfig } from '../../config/config.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createScheduler } from './job.scheduler.ts';
import type { JobDefinition } from './job.types.ts';

const [mode, dataDir] = process.argv.slice(2);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
await migrate(database);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

const jobs: JobDefinition[] =
  mode === 'probe'
    ? [
        {
          name: 'probe-every-second',
          titleZh: '测试',
          titleEn: 'probe',
          schedule: '* * * * * *',
          async run(ctx) {
            await ctx.database.query('INSERT INTO job_probe (slot_at, worker) VALUES ($1, $2)', [ctx.slotAt, String(process.pid)]);
          },
        },
      ]
    : [
        {
          name: 'slow-probe',
          titleZh: '测试',
          titleEn: 'slow probe',
          retry: { maxAttempts: 3, backoffMs: 100, maxBackoffMs: 100 },
          async run(ctx) {
            process.stdout.write(`started ${ctx.attempt}\n`);
            if (ctx.attempt === 1) await new Promise(() => {});
            process.stdout.write(`done ${ctx.attempt}\n`);
            return { attempt: ctx.attempt };
          },
        },
      ];

const scheduler = createScheduler({ database, config, jobs, tickMs: 100, heartbeatMs: 200, staleAfterMs: 1000, log: (m) => process.stderr.write(`${m}\n`) });
await scheduler.start();
process.stdout.write(`ready ${scheduler.worker}\n`);
process.on('SIGTERM', () => {
  void scheduler
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
