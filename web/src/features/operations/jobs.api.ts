import { jobListSchema, jobRunListSchema, jobRunViewSchema } from '../../../../contracts/jobs.ts';
import { api } from '../../app/api.ts';

export const listJobs = (signal?: AbortSignal) => api.get('/api/jobs', jobListSchema, signal ? { signal } : {});
export const listJobRuns = (job: string | undefined, signal?: AbortSignal) =>
  api.get('/api/jobs/runs', jobRunListSchema, { query: { ...(job ? { job } : {}), limit: 50 }, ...(signal ? { signal } : {}) });
export const runJobNow = (name: string) => api.post(`/api/jobs/${encodeURIComponent(name)}/run`, jobRunViewSchema);
