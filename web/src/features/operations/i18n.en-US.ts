import type { operationsZhCN } from './i18n.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const operationsEnUS: Strings<typeof operationsZhCN> = {
  subtitle: "The platform's scheduled jobs: schedules, recent runs, failures and retries (all times on this page in Shanghai time, UTC+8)",
  jobs: 'Scheduled jobs',
  runs: 'Runs',
  job: 'Job',
  schedule: 'Schedule (Shanghai time)',
  onRequest: 'On request',
  nextRun: 'Next run (Shanghai time)',
  lastRun: 'Last run',
  never: 'Never run',
  runNow: 'Run now',
  runConfirm: 'Run "{{job}}" now?',
  started: 'The job has started',
  refresh: 'Refresh',
  allJobs: 'All jobs',
  trigger: 'Trigger',
  triggers: { schedule: 'Schedule', once: 'One-off', manual: 'Manual' },
  attempt: 'Attempt',
  startedAt: 'Started',
  duration: 'Duration',
  ms: '{{ms}} ms',
  outcome: 'Outcome',
  result: 'Summary',
  error: 'Error',
  retryAt: 'Retry at',
  status: { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
};
