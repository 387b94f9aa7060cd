import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema, codeFilterSchema } from './common.ts';
import { codeNameSchema, usccSchema } from './enterprises.ts';
import {
  booleanQuery,
  isoDateSchema,
  moneyWanSchema,
  msg,
  optionalDate,
  optionalText,
  referenceCodeSchema,
  sortOrderSchema,
  versionSchema,
} from './registry-common.ts';

/** 线索 → 在谈 → 签约 → 开工 → 竣工 → 投产 → 达产 (SPEC §3), in order. */
export const PROJECT_STAGES = ['lead', 'negotiating', 'signed', 'started', 'completed', 'producing', 'full'] as const;
export const projectStageSchema = z.enum(PROJECT_STAGES);
export type ProjectStage = z.infer<typeof projectStageSchema>;
export const PROJECT_STAGE_ZH: Record<ProjectStage, string> = {
  lead: '线索',
  negotiating: '在谈',
  signed: '签约',
  started: '开工',
  completed: '竣工',
  producing: '投产',
  full: '达产',
};

export const FOLLOW_UP_KINDS = ['visit', 'call', 'meeting', 'other'] as const;
export const followUpKindSchema = z.enum(FOLLOW_UP_KINDS);

/** A project code: letters, digits and hyphens (e.g. XM-2024-0001); generated when left blank. */
export const projectCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, msg('项目编号只能包含字母、数字和连字符（2–40位）', 'Project codes use letters, digits and hyphens (2–40)'));

export const stageDatesSchema = z.object({
  stage: projectStageSchema,
  plannedOn: optionalDate,
  actualOn: optionalDate,
});

const projectFields = {
  code: z.preprocess((v) => (v === '' ? null : v), projectCodeSchema.nullable().optional()),
  name: z.string().trim().min(2, msg('项目名称至少2个字', 'The name needs at least 2 characters')).max(120),
  investorName: z.string().trim().min(2, msg('投资方名称至少2个字', 'The investor name needs at least 2 characters')).max(100),
  /** The investor when it is an enterprise of the registry (增资扩产), by its 统一社会信用代码. */
  investorUscc: z.preprocess((v) => (v === '' ? null : v), usccSchema.nullable().optional()),
  domain: referenceCodeSchema.nullable().optional(),
  zone: referenceCodeSchema.nullable().optional(),
  totalInvestment: moneyWanSchema.nullable().optional(),
  expectedAnnualOutput: moneyWanSchema.nullable().optional(),
  responsibleDepartment: referenceCodeSchema.nullable().optional(),
  chainNodes: z.array(referenceCodeSchema).max(10).default([]),
  planClauseKeys: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  note: optionalText(1000),
  /** Planned (and, for stages already reached, actual) dates; stages not listed keep what they had. */
  stages: z.array(stageDatesSchema).max(7).default([]),
};

/** Actual dates only up to the current stage, never decreasing along the pipeline. */
export function checkStageDates(value: { stage?: ProjectStage; stages?: z.infer<typeof stageDatesSchema>[] }, ctx: z.RefinementCtx): void {
  const current = value.stage ? PROJECT_STAGES.indexOf(value.stage) : PROJECT_STAGES.length - 1;
  const seen = new Set<string>();
  let lastActual: string | null = null;
  const ordered = [...(value.stages ?? [])].sort((a, b) => PROJECT_STAGES.indexOf(a.stage) - PROJECT_STAGES.indexOf(b.stage));
  for (const entry of ordered) {
    const index = (value.stages ?? []).indexOf(entry);
    if (seen.has(entry.stage)) {
      ctx.addIssue({ code: 'custom', path: ['stages', index, 'stage'], message: msg('同一阶段重复填写', 'The same stage is listed twice') });
    }
    seen.add(entry.stage);
    if (entry.actualOn && PROJECT_STAGES.indexOf(entry.stage) > current) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, 'actualOn'],
        message: msg('尚未到达的阶段不能填写实际日期', 'A stage not reached yet has no actual date'),
      });
    }
    if (entry.actualOn && lastActual && entry.actualOn < lastActual) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, 'actualOn'],
        message: msg('实际日期早于前一阶段的实际日期', 'The actual date is before the previous stage’s actual date'),
      });
    }
    if (entry.actualOn) lastActual = entry.actualOn;
  }
}

export const projectInputSchema = z.object({ ...projectFields, stage: projectStageSchema.default('lead') }).superRefine(checkStageDates);
export type ProjectInput = z.infer<typeof projectInputSchema>;

/** Updates never change the stage: that is a stage event (POST …/stage), which keeps the history. */
export const projectUpdateSchema = z.object({ ...projectFields, version: versionSchema }).superRefine((v, ctx) => checkStageDates({ stages: v.stages }, ctx));
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const stageChangeSchema = z
  .object({
    toStage: projectStageSchema,
    occurredOn: isoDateSchema,
    note: optionalText(500),
    /** Required when a stage is skipped or the project moves back. */
    reason: optionalText(500),
    version: versionSchema,
  });
export type StageChange = z.infer<typeof stageChangeSchema>;

export const followUpInputSchema = z.object({
  occurredOn: isoDateSchema,
  kind: followUpKindSchema,
  note: z.string().trim().min(2, msg('请填写跟进情况', 'Describe the follow-up')).max(1000),
  problems: optionalText(1000),
  nextStep: optionalText(500),
  staffName: optionalText(32),
  department: referenceCodeSchema.nullable().optional(),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const stageStatusSchema = z.enum(['done', 'done-late', 'current', 'overdue', 'pending', 'skipped']);
export const stageViewSchema = z.object({
  stage: projectStageSchema,
  plannedOn: z.string().nullable(),
  actualOn: z.string().nullable(),
  status: stageStatusSchema,
  /** Days past the planned date (overdue: until today; done-late: until the actual date). */
  daysLate: z.number().int(),
});

export const projectListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  investorName: z.string(),
  investorEnterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string() }).nullable(),
  domain: codeNameSchema.nullable(),
  zone: codeNameSchema.nullable(),
  department: codeNameSchema.nullable(),
  stage: projectStageSchema,
  totalInvestment: z.number().nullable(),
  expectedAnnualOutput: z.number().nullable(),
  stages: z.array(stageViewSchema),
  isOverdue: z.boolean(),
  lastFollowUpOn: z.string().nullable(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type ProjectListItem = z.infer<typeof projectListItemSchema>;

export const PROJECT_SORTS = ['name', 'code', 'stage', 'totalInvestment', 'expectedAnnualOutput', 'updatedAt'] as const;
export const projectFilterSchema = z.object({
  q: searchTextSchema.optional(),
  domain: codeFilterSchema.optional(),
  zone: codeFilterSchema.optional(),
  stage: projectStageSchema.optional(),
  department: codeFilterSchema.optional(),
  investor: z.string().uuid().optional(),
  node: codeFilterSchema.optional(),
  overdue: booleanQuery,
  sort: z.enum(PROJECT_SORTS).optional(),
  order: sortOrderSchema,
});
export type ProjectFilter = z.infer<typeof projectFilterSchema>;
export const projectListQuerySchema = paginationQuerySchema.extend(projectFilterSchema.shape);
export const projectPageSchema = pageOf(projectListItemSchema);

export const stageEventSchema = z.object({
  id: z.number().int(),
  fromStage: projectStageSchema.nullable(),
  toStage: projectStageSchema,
  occurredOn: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  recordedAt: z.string(),
});
export const followUpViewSchema = z.object({
  id: z.string(),
  occurredOn: z.string(),
  kind: followUpKindSchema,
  note: z.string(),
  problems: z.string().nullable(),
  nextStep: z.string().nullable(),
  staffName: z.string().nullable(),
  department: codeNameSchema.nullable(),
});

export const projectDetailSchema = projectListItemSchema.extend({
  chainNodes: z.array(z.object({ code: z.string(), name: z.string(), stage: z.string() })),
  planClauseKeys: z.array(z.string()),
  note: z.string().nullable(),
  events: z.array(stageEventSchema),
  followUps: z.array(followUpViewSchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;
