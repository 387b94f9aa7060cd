import type { Database } from '../../db/client.ts';
import type { JobDefinition } from './job.types.ts';

/** Run history kept on the operations page; older rows are removed by the nightly job below. */
export const JOB_HISTORY_DAYS = 180;

/** The jobs feature's own job: keeps job_runs and job_requests from growing without end. */
export const pruneJobHistoryJob: JobDefinition = {
  name: 'job-history-prune',
  titleZh: '清理过期的任务运行记录',
  titleEn: 'Prune old job run records',
  schedule: '30 3 * * *',
  async run({ database, now }) {
    const before = new Date(now().getTime() - JOB_HISTORY_DAYS * 86_400_000);
    // A one-off request goes with its run (a request that never ran stays until it does).
    const requests = await database.query(
      `DELETE FROM job_requests q WHERE q.run_at < $1 AND EXISTS (SELECT 1 FROM job_runs r WHERE r.job = q.job AND r.slot_key = 'once:' || q.id AND r.status <> 'running') RETURNING id`,
      [before],
    );
    const runs = await database.query(`DELETE FROM job_runs WHERE status <> 'running' AND started_at < $1 RETURNING id`, [before]);
    return { runsDeleted: runs.length, requestsDeleted: requests.length };
  },
};

/**
 * The embedded engine has no autovacuum: without this job its tables are never analysed (the planner guesses
 * every table's size, and at 10 000 enterprises picked plans a hundred times slower than it should) and never
 * vacuumed (an approval rewrites its group cells: dead rows pile up, and index-only counts keep reading the
 * table). Nightly, after the history prune. A PostgreSQL server runs its own autovacuum: nothing to do there.
 */
export const databaseMaintenanceJob: JobDefinition = {
  name: 'database-maintenance',
  titleZh: '内嵌数据库整理与统计信息更新',
  titleEn: 'Vacuum and analyse the embedded database',
  schedule: '0 4 * * *',
  async run({ database }) {
    if (database.kind !== 'pglite') return { engine: database.kind, skipped: 'autovacuum' };
    const started = performance.now();
    await vacuumAndAnalyse(database);
    return { engine: database.kind, seconds: Math.round((performance.now() - started) / 100) / 10 };
  },
};

/** VACUUM (ANALYZE) of the whole database, outside any transaction; the bench runs it too, after loading its history. */
export async function vacuumAndAnalyse(database: Database): Promise<void> {
  await database.query('VACUUM (ANALYZE)');
}
