import { describe, expect, it } from 'vitest';
import { cliOnSuiteEngine } from '../../../../test/cli-runner.ts';

// `biomfg jobs list|run NAME` through the command line's entry point, in this process, on the engine the
// suite runs on (a temporary data folder, or this test's PostgreSQL database).

const cli = cliOnSuiteEngine('biomfg-jobs-cli-');
const biomfg = cli.biomfg;

describe('biomfg jobs', () => {
  it('runs a job now, then lists it with its last run', async () => {
    const run = await biomfg('jobs', 'run', 'job-history-prune', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ job: 'job-history-prune', status: 'succeeded', trigger: 'manual', result: { runsDeleted: 0 } });
    const list = await biomfg('jobs', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const jobs = JSON.parse(list.stdout).jobs as { name: string; schedule: string | null; lastRun: { status: string } | null }[];
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['job-history-prune', 'report-deadline-reminders']));
    expect(jobs.find((j) => j.name === 'job-history-prune')!.lastRun!.status).toBe('succeeded');
    expect(jobs.find((j) => j.name === 'report-deadline-reminders')!.schedule).toBe('0 9 * * *');
  }, 120_000);

  it('refuses an unknown job with exit code 2', async () => {
    const run = await biomfg('jobs', 'run', 'no-such-job');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown job');
  }, 120_000);
});
