import { z } from 'zod';
import { plainTextSchema } from './common.ts';

/**
 * 督办 (issue 12): supervision items (a measure × a responsible unit, keyed by the plan's stable clause key),
 * yearly milestones, periodic progress reports with review, the three-colour board, the bulletin and the
 * dual track of task progress against outcome indicators.
 */
export const statusColourSchema = z.enum(['green', 'blue', 'yellow', 'red']);
export type StatusColour = z.infer<typeof statusColourSchema>;
export const milestoneProgressSchema = z.enum(['not-started', 'in-progress', 'done', 'blocked']);
export const cycleSchema = z.enum(['monthly', 'quarterly']);
export const reportStateSchema = z.enum(['submitted', 'consolidated', 'accepted', 'returned']);
export const unitRoleSchema = z.enum(['lead', 'co']);

const text = (max: number) => plainTextSchema.pipe(z.string().max(max));
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' });
export const yearSchema = z.coerce.number().int().min(2000).max(2100);
export const supervisionPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: '期次应为 YYYY-MM 或 YYYY-Qn / period must be YYYY-MM or YYYY-Qn' });
export const bulletinPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '期次应为 YYYY-MM / period must be YYYY-MM' });

export const statusReasonSchema = z.object({ rule: z.string(), colour: statusColourSchema, zh: z.string(), en: z.string() });

export const itemSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  taskKey: z.string(),
  task: z.string(),
  taskTitle: z.string(),
  measureTitle: z.string(),
  unit: z.string(),
  departmentId: z.string().nullable(),
  role: unitRoleSchema,
  parentId: z.string().nullable(),
  cycle: cycleSchema,
  status: statusColourSchema,
  reasons: z.array(statusReasonSchema),
  due: z.string().nullable(),
  percent: z.number(),
  expectedPercent: z.number(),
  lastReport: z.object({ period: z.string(), status: reportStateSchema, isLate: z.boolean() }).nullable(),
  version: z.number().int(),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

export const itemListQuerySchema = z
  .object({ year: yearSchema.optional(), taskKey: z.string().max(64).optional(), status: statusColourSchema.optional() })
  .strict();
export const itemListSchema = z.object({ year: z.number().int(), asOf: z.string(), items: z.array(itemSummarySchema) });

export const milestoneViewSchema = z.object({
  id: z.string(),
  ordinal: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  evidenceExpected: z.string(),
  weight: z.number(),
  progress: milestoneProgressSchema,
  status: statusColourSchema,
});
export const workPlanViewSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
  version: z.number().int(),
  milestones: z.array(milestoneViewSchema),
});

export const reportRevisionViewSchema = z.object({
  revision: z.number().int(),
  event: z.string(),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const reportViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  unit: z.string(),
  role: unitRoleSchema,
  period: z.string(),
  status: reportStateSchema,
  revision: z.number().int(),
  percent: z.number(),
  milestones: z.array(z.object({ milestoneId: z.string(), status: milestoneProgressSchema })),
  doneText: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  helpNeeded: z.string(),
  dueOn: z.string(),
  isLate: z.boolean(),
  submittedAt: z.string(),
  returnReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  consolidatedAt: z.string().nullable(),
  version: z.number().int(),
  history: z.array(reportRevisionViewSchema),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const itemDetailSchema = z.object({
  item: itemSummarySchema,
  measureBody: z.string(),
  subItems: z.array(itemSummarySchema),
  workPlan: workPlanViewSchema.nullable(),
  reports: z.array(reportViewSchema),
  canReport: z.boolean(),
  canPlan: z.boolean(),
  canReview: z.boolean(),
  canConsolidate: z.boolean(),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const milestoneInputSchema = z
  .object({
    title: text(200).pipe(z.string().min(1)),
    dueOn: daySchema,
    evidenceExpected: text(500).default(''),
    weight: z.number().positive().max(1000),
  })
  .strict();
export const workPlanInputSchema = z
  .object({
    year: yearSchema,
    cycle: cycleSchema.optional(),
    milestones: z.array(milestoneInputSchema).min(1).max(20),
    /** The work plan's version when replacing one (optimistic concurrency); omitted for a first plan. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type WorkPlanInput = z.infer<typeof workPlanInputSchema>;
export const confirmWorkPlanSchema = z.object({ year: yearSchema, version: z.number().int().min(1) }).strict();

export const reportInputSchema = z
  .object({
    period: supervisionPeriodSchema,
    percent: z.number().min(0).max(100),
    milestones: z.array(z.object({ milestoneId: z.string().uuid(), status: milestoneProgressSchema }).strict()).max(20).default([]),
    doneText: text(4000).default(''),
    problems: text(4000).default(''),
    nextSteps: text(4000).default(''),
    helpNeeded: text(2000).default(''),
    /** The report's version when resubmitting (409 when stale); omitted for a first submission. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type ReportInput = z.infer<typeof reportInputSchema>;
export const reviewInputSchema = z
  .object({
    decision: z.enum(['accept', 'return']),
    reason: text(1000).optional(),
    version: z.number().int().min(1),
  })
  .strict()
  .refine((v) => v.decision === 'accept' || (v.reason ?? '').trim().length > 0, { message: '退回须写明原因 / a return needs a reason', path: ['reason'] });
export const consolidateInputSchema = z.object({ version: z.number().int().min(1) }).strict();

export const boardQuerySchema = z.object({ year: yearSchema.optional() }).strict();
export const unitRowSchema = z.object({
  name: z.string(),
  items: z.number().int(),
  colours: z.record(statusColourSchema, z.number().int()),
  onTimeRate: z.number(),
  milestoneRate: z.number(),
  acceptRate: z.number(),
  overdue: z.number().int(),
  score: z.number(),
  rank: z.number().int(),
});
export const boardSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  items: z.array(itemSummarySchema),
  units: z.array(unitRowSchema),
  tasks: z.array(z.object({ key: z.string(), label: z.string(), title: z.string(), cells: z.array(z.object({ unit: z.string(), status: statusColourSchema, items: z.number().int() })) })),
});
export type Board = z.infer<typeof boardSchema>;

export const OUTCOME_METRICS = ['projects-signed', 'projects-signed-investment', 'platforms', 'carrier-occupancy', 'enterprises-accelerating-or-later', 'above-scale-enterprises', 'industry-scale', 'manufacturing-output'] as const;
export const outcomeMetricSchema = z.enum(OUTCOME_METRICS);
export const outcomeLinkInputSchema = z
  .object({ links: z.array(z.object({ metric: outcomeMetricSchema, baseline: z.number(), target: z.number() }).strict()).max(10), year: yearSchema })
  .strict();
export const taskKeyParamSchema = z.object({ taskKey: z.string().regex(/^(task|safeguard)-\d{2}(-\d+)?$/) }).strict();
export const dualTrackSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  tasks: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      title: z.string(),
      taskTrack: z.enum(['green', 'red']),
      items: z.number().int(),
      outcomes: z.array(z.object({ metric: outcomeMetricSchema, baseline: z.number(), target: z.number(), actual: z.number(), completion: z.number(), timeProgress: z.number(), status: z.enum(['green', 'red']) })),
      flag: z.enum(['green-task-red-outcome', 'red-task-green-outcome']).nullable(),
    }),
  ),
});

export const statusRuleViewSchema = z.object({ code: z.string(), colour: statusColourSchema, enabled: z.boolean(), params: z.record(z.string(), z.number()), version: z.number().int() });
export const statusRuleListSchema = z.object({ items: z.array(statusRuleViewSchema) });
export const statusRuleInputSchema = z.object({ enabled: z.boolean(), params: z.record(z.string().max(32), z.number().min(0).max(366)), version: z.number().int().min(1) }).strict();
export const ruleCodeParamSchema = z.object({ code: z.enum(['milestone-overdue', 'report-missing', 'behind-schedule', 'report-returned', 'deadline-near']) }).strict();

export const bulletinInputSchema = z.object({ period: bulletinPeriodSchema }).strict();
export const bulletinViewSchema = z.object({ id: z.string(), period: z.string(), fileName: z.string(), size: z.number().int(), generatedBy: z.string(), createdAt: z.string(), summary: z.record(z.string(), z.unknown()) });
export const bulletinListSchema = z.object({ items: z.array(bulletinViewSchema) });

export const syncResultSchema = z.object({ created: z.number().int(), reactivated: z.number().int(), deactivated: z.number().int(), active: z.number().int() });
export const workPlanImportResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string() })),
});
