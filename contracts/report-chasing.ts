import { z } from 'zod';
import { periodSchema } from './indicators.ts';
import { reportStatusSchema } from './monthly-reports.ts';

/** Chasing reports (催报) and batch review of monthly reports (issue 17). */

/** Where an enterprise stands for the month: `none` when it has not started the report. */
export const CHASE_STATUSES = ['none', 'draft', 'submitted', 'park-reviewed', 'returned'] as const;
export const chaseStatusSchema = z.enum(CHASE_STATUSES);
export type ChaseStatus = z.infer<typeof chaseStatusSchema>;

export const chaseQuerySchema = z.object({
  period: periodSchema,
  /** A zone's code. */
  zone: z.string().max(64).optional(),
  status: chaseStatusSchema.optional(),
});

export const chaseItemSchema = z.object({
  enterpriseId: z.string().uuid(),
  uscc: z.string(),
  name: z.string(),
  zoneId: z.string().uuid().nullable(),
  zoneCode: z.string().nullable(),
  zoneNameZh: z.string().nullable(),
  zoneNameEn: z.string().nullable(),
  status: chaseStatusSchema,
  reportId: z.string().uuid().nullable(),
  deadline: z.string(),
  overdue: z.boolean(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
});
export type ChaseItem = z.infer<typeof chaseItemSchema>;

export const chaseListSchema = z.object({ period: periodSchema, items: z.array(chaseItemSchema) });

export const chaseExportQuerySchema = chaseQuerySchema;

/** No ids: every enterprise the list shows (for the same period and filters). */
export const chaseRemindSchema = z
  .object({
    period: periodSchema,
    enterpriseIds: z.array(z.string().uuid()).min(1).max(1000).optional(),
    zone: z.string().max(64).optional(),
  })
  .strict();

export const chaseRemindResultSchema = z.object({
  /** Enterprises asked for (in scope and still owing). */
  enterprises: z.number().int(),
  /** Enterprises whose accounts got a new notice (the others were reminded today already or have no account). */
  reminded: z.number().int(),
  alreadyToday: z.number().int(),
  noAccount: z.number().int(),
  /** Submitted or park-reviewed: the reviewers, not the enterprise, hold them up; not reminded. */
  awaitingReview: z.number().int(),
  notices: z.number().int(),
});

export const batchReviewSchema = z
  .object({
    items: z
      .array(z.object({ id: z.string().uuid(), version: z.number().int().min(1) }).strict())
      .min(1)
      .max(200),
  })
  .strict();

export const batchOutcomeSchema = z.object({
  id: z.string().uuid(),
  ok: z.boolean(),
  status: reportStatusSchema.nullable(),
  enterpriseName: z.string().nullable(),
  period: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
});
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>;

export const batchReviewResultSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  items: z.array(batchOutcomeSchema),
});

/** The reports list's tab counts: the list's filters except the status. */
export const reportStatusCountsQuerySchema = z.object({
  period: periodSchema.optional(),
  zone: z.string().max(64).optional(),
  enterpriseId: z.string().uuid().optional(),
});
export const reportStatusCountsSchema = z.object({
  total: z.number().int(),
  counts: z.record(reportStatusSchema, z.number().int()),
});
