import { z } from 'zod';

/** Warnings 预警 (issue 11 §1, SPEC §5): rules as data, warnings on a subject, their lifecycle and roll-up. */

export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const warningLevelSchema = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof warningLevelSchema>;
export const WARNING_LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  blue: { zh: '蓝色', en: 'Blue' },
  yellow: { zh: '黄色', en: 'Yellow' },
  orange: { zh: '橙色', en: 'Orange' },
  red: { zh: '红色', en: 'Red' },
};

export const WARNING_SUBJECT_KINDS = ['goal', 'zone', 'domain', 'chain-node', 'enterprise', 'project', 'report', 'supervision-item', 'enterprise-request', 'carrier-lease'] as const;
export const warningSubjectKindSchema = z.enum(WARNING_SUBJECT_KINDS);
export type WarningSubjectKind = z.infer<typeof warningSubjectKindSchema>;

export const WARNING_STATUSES = ['open', 'acknowledged', 'handling', 'resolved', 'dismissed'] as const;
export const warningStatusSchema = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof warningStatusSchema>;
/** Statuses of a warning still to be dealt with (one per rule and subject, enforced by a partial unique index). */
export const LIVE_WARNING_STATUSES = ['open', 'acknowledged', 'handling'] as const satisfies readonly WarningStatus[];

export const warningOwnerRoleSchema = z.enum(['park', 'department', 'commission']);
export type WarningOwnerRole = z.infer<typeof warningOwnerRoleSchema>;

const pp = (max: number) => z.number().min(0).max(max);
const months = z.number().int().min(2).max(24);
const flowIndicator = z.enum(['output', 'revenue']);

/**
 * Parameters of each rule kind, with their ranges: a value outside is refused with its path
 * (e.g. `params.redPp`), never stored.
 */
export const RULE_PARAM_SCHEMAS = {
  'goal-behind-progress': z
    .object({ yellowPp: pp(50), redPp: pp(100) })
    .strict()
    .refine((p) => p.redPp >= p.yellowPp, { path: ['redPp'], message: '红色阈值须不小于黄色阈值 / the red threshold must not be below the yellow one' }),
  'goal-cagr-unreachable': z.object({ minYears: z.number().int().min(2).max(10), marginPp: pp(20) }).strict(),
  'enterprise-yoy-drop': z
    .object({ indicators: z.array(flowIndicator).min(1).max(2), dropPct: pp(100), keyDropPct: pp(100), minBaseWan: z.number().min(0).max(1e7) })
    .strict(),
  'enterprise-consecutive-decline': z.object({ indicator: flowIndicator, months, minBaseWan: z.number().min(0).max(1e7) }).strict(),
  'enterprise-seasonal-drop': z.object({ indicator: flowIndicator, dropPct: pp(100), minYears: z.number().int().min(1).max(5), minBaseWan: z.number().min(0).max(1e7) }).strict(),
  'report-late': z.object({ graceDays: z.number().int().min(0).max(60), lookbackMonths: z.number().int().min(1).max(12) }).strict(),
  'report-explained-abnormal': z.object({ lookbackMonths: z.number().int().min(1).max(12) }).strict(),
  'project-stage-overdue': z.object({ graceDays: z.number().int().min(0).max(365) }).strict(),
  'project-full-no-output': z.object({ graceDays: z.number().int().min(0).max(365), lookbackMonths: z.number().int().min(1).max(12) }).strict(),
  'zone-negative-pull': z.object({ indicator: flowIndicator, months }).strict(),
  'domain-negative-pull': z.object({ indicator: flowIndicator, months }).strict(),
  // Hooks: evaluated by the supervision and enterprise-service features, which report their findings here.
  'supervision-item-overdue': z.object({ graceDays: z.number().int().min(0).max(365) }).strict(),
  'request-past-sla': z.object({ graceDays: z.number().int().min(0).max(365) }).strict(),
  // Hook of the carrier ladder (docs/decisions/0026-carrier-ladder.md): a present tenancy's lease ends within `months`.
  'carrier-lease-expiring': z.object({ months: z.number().int().min(1).max(24) }).strict(),
} as const;
export type RuleKind = keyof typeof RULE_PARAM_SCHEMAS;
export const RULE_KINDS = Object.keys(RULE_PARAM_SCHEMAS) as RuleKind[];
export type RuleParams<K extends RuleKind> = z.infer<(typeof RULE_PARAM_SCHEMAS)[K]>;

export const warningRuleViewSchema = z.object({
  code: z.string(),
  kind: z.string(),
  subjectKind: warningSubjectKindSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  level: warningLevelSchema,
  ownerRole: warningOwnerRoleSchema,
  evaluatedBy: z.enum(['warnings', 'hook']),
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  escalateAfterDays: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  liveWarnings: z.number().int(),
});
export type WarningRuleView = z.infer<typeof warningRuleViewSchema>;

export const warningRuleVersionViewSchema = z.object({
  version: z.number().int(),
  enabled: z.boolean(),
  level: warningLevelSchema,
  params: z.record(z.string(), z.unknown()),
  escalateAfterDays: z.number().int(),
  note: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
});

export const ruleCodeParamSchema = z.object({ code: z.string().min(1).max(80).regex(/^[a-z0-9-]+$/) }).strict();

export const warningRuleUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    enabled: z.boolean().optional(),
    level: warningLevelSchema.optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    escalateAfterDays: z.number().int().min(1).max(365).optional(),
    note: z.string().trim().max(500).optional(),
    /** A change that would open more than the confirmation threshold of warnings needs this set. */
    confirmed: z.boolean().optional(),
  })
  .strict();
export type WarningRuleUpdate = z.infer<typeof warningRuleUpdateSchema>;

export const warningRuleDryRunSchema = z.object({
  wouldOpen: z.number().int(),
  wouldClose: z.number().int(),
  wouldStay: z.number().int(),
  needsConfirmation: z.boolean(),
  threshold: z.number().int(),
});

export const warningViewSchema = z.object({
  id: z.string(),
  rule: z.string(),
  ruleNameZh: z.string(),
  ruleNameEn: z.string(),
  subjectKind: warningSubjectKindSchema,
  subjectKey: z.string(),
  subjectLabel: z.string(),
  level: warningLevelSchema,
  status: warningStatusSchema,
  ownerRole: warningOwnerRoleSchema,
  zoneCode: z.string().nullable(),
  domainCode: z.string().nullable(),
  period: z.string().nullable(),
  explanationZh: z.string(),
  explanationEn: z.string(),
  facts: z.record(z.string(), z.unknown()),
  escalationLevel: z.number().int(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  version: z.number().int(),
});
export type WarningView = z.infer<typeof warningViewSchema>;

export const warningEventViewSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const warningDetailSchema = warningViewSchema.extend({ events: z.array(warningEventViewSchema) });

export const warningListQuerySchema = z
  .object({
    status: z.enum(['live', 'closed', ...WARNING_STATUSES]).optional(),
    level: warningLevelSchema.optional(),
    rule: z.string().max(80).optional(),
    subjectKind: warningSubjectKindSchema.optional(),
    zone: z.string().max(40).optional(),
    domain: z.string().max(40).optional(),
    chainNode: z.string().max(80).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type WarningListQuery = z.infer<typeof warningListQuerySchema>;
export const warningPageSchema = z.object({ items: z.array(warningViewSchema), total: z.number().int() });
export const warningIdParamSchema = z.object({ id: z.string().uuid() }).strict();

export const WARNING_ACTIONS = ['acknowledge', 'handle', 'note', 'resolve', 'dismiss'] as const;
export const warningActionSchema = z
  .object({
    action: z.enum(WARNING_ACTIONS),
    version: z.number().int().min(1),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((a) => !['resolve', 'dismiss', 'note'].includes(a.action) || (a.note ?? '').length > 0, {
    path: ['note'],
    message: '办结、排除和备注须填写说明 / resolving, dismissing and notes need a text',
  });
export type WarningAction = z.infer<typeof warningActionSchema>;

const countSchema = z.object({ key: z.string(), count: z.number().int(), worst: warningLevelSchema.nullable() });
export const warningRollupSchema = z.object({
  total: z.object({ count: z.number().int(), worst: warningLevelSchema.nullable(), byLevel: z.record(warningLevelSchema, z.number().int()) }),
  goals: z.array(countSchema),
  zones: z.array(countSchema),
  domains: z.array(countSchema),
  chainNodes: z.array(countSchema),
});
export type WarningRollup = z.infer<typeof warningRollupSchema>;

export const evaluationResultSchema = z.object({
  opened: z.number().int(),
  updated: z.number().int(),
  closed: z.number().int(),
  open: z.array(z.object({ rule: z.string(), level: warningLevelSchema, subjectKind: z.string(), subjectKey: z.string() })),
  skipped: z.array(z.object({ rule: z.string(), error: z.string() })),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;
