import { z } from 'zod';

/** Scheduled jobs and their runs (issue 10 §3), as the operations page and `biomfg jobs list --json` show them. */
export const jobNameSchema = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);
export const jobNameParamSchema = z.object({ name: jobNameSchema }).strict();

export const jobRunStatusSchema = z.enum(['running', 'succeeded', 'failed']);
export const jobTriggerSchema = z.enum(['schedule', 'once', 'manual']);

export const jobRunViewSchema = z.object({
  id: z.number().int(),
  job: z.string(),
  slotAt: z.string(),
  attempt: z.number().int(),
  trigger: jobTriggerSchema,
  status: jobRunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  result: z.unknown().nullable(),
  worker: z.string(),
  retryAt: z.string().nullable(),
});
export type JobRunView = z.infer<typeof jobRunViewSchema>;

export const jobViewSchema = z.object({
  name: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  /** Cron pattern in Shanghai time, or null for a job that only runs on request. */
  schedule: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  maxAttempts: z.number().int(),
  lastRun: jobRunViewSchema.nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const jobListSchema = z.object({ items: z.array(jobViewSchema) });

export const jobRunsQuerySchema = z
  .object({
    job: jobNameSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const jobRunListSchema = z.object({ items: z.array(jobRunViewSchema) });
