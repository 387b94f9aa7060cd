import { featureJobs } from '../../app/feature-jobs.ts';
import { createScheduler, presentJobRun, createJobService } from '../../modules/jobs/index.ts';
import { createAuditService } from '../../modules/audit/audit.service.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

export async function runJobsList({ out }: CommandArgs): Promise<void> {
  await withDatabase(out, async (database, config) => {
    const scheduler = createScheduler({ database, config, jobs: featureJobs() });
    const items = await createJobService({ database, clock: () => new Date(), audit: createAuditService(database, () => new Date()) }, scheduler).listJobs();
    const lines = items.map((j) => {
      const last = j.lastRun ? `${j.lastRun.status} ${j.lastRun.startedAt}${j.lastRun.error ? ` (${j.lastRun.error})` : ''}` : '-';
      return `${j.name.padEnd(28)} ${(j.schedule ?? 'on request').padEnd(16)} next ${j.nextRunAt ?? '-'}  last ${last}\n  ${j.titleZh} / ${j.titleEn}`;
    });
    out.result(lines.join('\n'), { jobs: items });
  });
}

export async function runJobsRun({ positionals, out }: CommandArgs): Promise<void> {
  const name = positionals[0];
  if (!name) throw new CliError('用法 / usage: jobs run NAME', 2);
  await withDatabase(out, async (database, config) => {
    const jobs = featureJobs();
    if (!jobs.some((j) => j.name === name)) throw new CliError(`未知任务 / unknown job: ${name} (known: ${jobs.map((j) => j.name).join(', ')})`, 2);
    const scheduler = createScheduler({ database, config, jobs, log: (m) => out.info(m) });
    const { run, done } = await scheduler.runNow(name);
    await done;
    const [row] = await database.query<Parameters<typeof presentJobRun>[0]>(
      'SELECT id, job, slot_key, slot_at, attempt, trigger, status, started_at, finished_at, error, result, worker, retry_at, requested_by FROM job_runs WHERE id = $1',
      [run.id],
    );
    const view = presentJobRun(row!);
    if (view.status !== 'succeeded') {
      if (out.json) out.result('', view);
      throw new CliError(`任务失败 / job failed: ${name}: ${view.error}`, 1);
    }
    out.result(`${name}: ${view.status} in ${view.durationMs} ms ${JSON.stringify(view.result)}`, view);
  });
}
