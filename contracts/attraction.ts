import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema } from './common.ts';
import { codeNameSchema } from './enterprises.ts';
import { isoDateSchema, moneyWanSchema, msg, optionalDate, optionalText, referenceCodeSchema, versionSchema } from './registry-common.ts';
import { projectStageSchema } from './projects.ts';

/**
 * Chain-based investment attraction 链式招商 (issue 13 §3): the candidate pool (outside companies), targets
 * assigned to an attraction owner with a plan and contact history, conversion into a project, and the zone-fit
 * check of a project's space needs before signing.
 */

export const CANDIDATE_SOURCES = ['exhibition', 'referral', 'association', 'research', 'inbound', 'other'] as const;
export const candidateSourceSchema = z.enum(CANDIDATE_SOURCES);
export const CANDIDATE_SOURCE_ZH: Record<(typeof CANDIDATE_SOURCES)[number], string> = {
  exhibition: '展会',
  referral: '以商引商',
  association: '行业协会',
  research: '产业研究',
  inbound: '主动来访',
  other: '其他',
};
export const SIZE_TIERS = ['leader', 'large', 'medium', 'small'] as const;
export const sizeTierSchema = z.enum(SIZE_TIERS);
export const SIZE_TIER_ZH: Record<(typeof SIZE_TIERS)[number], string> = { leader: '龙头', large: '大型', medium: '中型', small: '小型' };

const candidateFields = {
  code: z.preprocess((v) => (v === '' ? null : v), referenceCodeSchema.nullable().optional()),
  name: z.string().trim().min(2, msg('企业名称至少2个字', 'The name needs at least 2 characters')).max(100),
  domain: referenceCodeSchema.nullable().optional(),
  /** The nodes it serves; the first is its main node. */
  chainNodes: z.array(referenceCodeSchema).min(1, msg('至少选择一个产业链节点', 'Choose at least one chain node')).max(10),
  sizeTier: sizeTierSchema.nullable().optional(),
  /** 万元 a year. */
  annualRevenue: moneyWanSchema.nullable().optional(),
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  city: optionalText(40),
  province: optionalText(40),
  isListed: z.boolean().default(false),
  products: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  source: candidateSourceSchema.default('other'),
  note: optionalText(1000),
};
export const candidateInputSchema = z.object(candidateFields);
export type CandidateInput = z.infer<typeof candidateInputSchema>;
export const candidateUpdateSchema = z.object({ ...candidateFields, version: versionSchema });
export type CandidateUpdate = z.infer<typeof candidateUpdateSchema>;

const nodeRefSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const candidateViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  domain: codeNameSchema.nullable(),
  chainNodes: z.array(nodeRefSchema),
  sizeTier: sizeTierSchema.nullable(),
  annualRevenue: z.number().nullable(),
  employees: z.number().int().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  isListed: z.boolean(),
  products: z.array(z.string()),
  source: candidateSourceSchema,
  note: z.string().nullable(),
  /** Targets on this candidate the caller may see, and the last contact on record. */
  openTargets: z.number().int(),
  lastContactOn: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CandidateView = z.infer<typeof candidateViewSchema>;
export const candidatePageSchema = pageOf(candidateViewSchema);

export const candidateFilterSchema = z.object({
  q: searchTextSchema.optional(),
  domain: referenceCodeSchema.optional(),
  node: referenceCodeSchema.optional(),
  source: candidateSourceSchema.optional(),
  sizeTier: sizeTierSchema.optional(),
});
export const candidateListQuerySchema = paginationQuerySchema.extend(candidateFilterSchema.shape);

export const ACTIVITY_KINDS = ['contact', 'visit', 'meeting', 'follow-up'] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);

export const activityViewSchema = z.object({
  id: z.string(),
  kind: activityKindSchema,
  occurredOn: z.string(),
  note: z.string(),
  nextStep: z.string().nullable(),
  actorName: z.string().nullable(),
  targetId: z.string().nullable(),
});
export type ActivityView = z.infer<typeof activityViewSchema>;

export const activityInputSchema = z.object({
  kind: activityKindSchema,
  occurredOn: isoDateSchema,
  note: z.string().trim().min(2, msg('请填写接洽情况', 'Describe the contact')).max(1000),
  nextStep: optionalText(200),
  /** The date of the next step; on a target it becomes the plan's next date. */
  nextOn: optionalDate,
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

export const OWNER_KINDS = ['commission', 'zone', 'department'] as const;
export const ownerKindSchema = z.enum(OWNER_KINDS);
/** Who carries a target: the commission's attraction team, a park committee (its zone) or a department. */
export const targetOwnerInputSchema = z
  .object({ kind: ownerKindSchema, zone: referenceCodeSchema.nullable().optional(), department: referenceCodeSchema.nullable().optional() })
  .superRefine((o, ctx) => {
    if (o.kind === 'zone' && !o.zone) ctx.addIssue({ code: 'custom', path: ['zone'], message: msg('请选择园区', 'Choose the park') });
    if (o.kind === 'department' && !o.department) ctx.addIssue({ code: 'custom', path: ['department'], message: msg('请选择部门', 'Choose the department') });
  });

export const targetInputSchema = z.object({
  candidateId: z.string().uuid(),
  node: referenceCodeSchema,
  /** The zone the company is to settle in (designated zone). */
  zone: referenceCodeSchema.nullable().optional(),
  owner: targetOwnerInputSchema,
  plan: optionalText(1000),
  nextStep: optionalText(200),
  nextOn: optionalDate,
});
export type TargetInput = z.infer<typeof targetInputSchema>;

export const targetUpdateSchema = z.object({
  zone: referenceCodeSchema.nullable().optional(),
  owner: targetOwnerInputSchema,
  plan: optionalText(1000),
  nextStep: optionalText(200),
  nextOn: optionalDate,
  status: z.enum(['open', 'dropped']),
  version: versionSchema,
});
export type TargetUpdate = z.infer<typeof targetUpdateSchema>;

export const FIT_COMPONENT_KEYS = ['gap', 'nodeMatch', 'scale', 'zoneDomain', 'vacancy'] as const;
export const fitSchema = z.object({
  fit: z.number(),
  components: z.array(z.object({ key: z.enum(FIT_COMPONENT_KEYS), input: z.union([z.number(), z.string(), z.boolean()]).nullable(), score: z.number().nullable(), weight: z.number() })),
});
export type FitView = z.infer<typeof fitSchema>;

export const TARGET_STATUSES = ['open', 'converted', 'dropped'] as const;
export const targetViewSchema = z.object({
  id: z.string(),
  candidate: z.object({ id: z.string(), code: z.string(), name: z.string(), city: z.string().nullable(), sizeTier: sizeTierSchema.nullable() }),
  node: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string(), domain: z.string() }),
  zone: codeNameSchema.nullable(),
  owner: z.object({ kind: ownerKindSchema, zone: codeNameSchema.nullable(), department: codeNameSchema.nullable() }),
  status: z.enum(TARGET_STATUSES),
  plan: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextOn: z.string().nullable(),
  assignedOn: z.string(),
  project: z.object({ id: z.string(), code: z.string(), name: z.string(), stage: projectStageSchema }).nullable(),
  activities: z.number().int(),
  lastActivityOn: z.string().nullable(),
  /** Whether the caller may change it (owner or commission). */
  canWrite: z.boolean(),
  /** Fit score 0..1 (the target list only; the detail carries it with its components). */
  fit: z.number().nullable().optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TargetView = z.infer<typeof targetViewSchema>;
export const targetPageSchema = pageOf(targetViewSchema);
export const targetListQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema.optional(),
  node: referenceCodeSchema.optional(),
  status: z.enum(TARGET_STATUSES).optional(),
  owner: ownerKindSchema.optional(),
  zone: referenceCodeSchema.optional(),
});

export const candidateDetailSchema = z.object({ candidate: candidateViewSchema, targets: z.array(targetViewSchema), activities: z.array(activityViewSchema) });
export const targetDetailSchema = z.object({ target: targetViewSchema, fit: fitSchema, activities: z.array(activityViewSchema) });

/** The candidates of a node ranked by fit, with the target each already is (if any). */
export const nodeCandidatesSchema = z.object({
  node: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string(), domain: z.string(), gap: z.number() }),
  zone: codeNameSchema.nullable(),
  items: z.array(z.object({ candidate: candidateViewSchema, fit: fitSchema, target: targetViewSchema.nullable() })),
});
export type NodeCandidates = z.infer<typeof nodeCandidatesSchema>;
export const nodeCandidatesQuerySchema = z.object({ zone: referenceCodeSchema.optional() });

export const spaceNeedsSchema = z.object({
  areaM2: z.number().min(0).max(10_000_000).nullable(),
  gmp: z.boolean(),
  hazardous: z.boolean(),
  labExhaust: z.boolean(),
});
export type SpaceNeeds = z.infer<typeof spaceNeedsSchema>;

export const convertInputSchema = z.object({
  name: optionalText(120),
  totalInvestment: moneyWanSchema.nullable().optional(),
  expectedAnnualOutput: moneyWanSchema.nullable().optional(),
  responsibleDepartment: referenceCodeSchema.nullable().optional(),
  spaceNeeds: spaceNeedsSchema.optional(),
  version: versionSchema,
});
export type ConvertInput = z.infer<typeof convertInputSchema>;

export const ZONE_FIT_ISSUES = ['no-zone', 'domain-mismatch', 'no-gmp', 'no-hazardous', 'no-lab-exhaust', 'area-shortage', 'no-needs'] as const;
export const zoneFitSchema = z.object({
  projectId: z.string(),
  zone: codeNameSchema.nullable(),
  domain: codeNameSchema.nullable(),
  needs: spaceNeedsSchema.nullable(),
  ok: z.boolean(),
  issues: z.array(z.enum(ZONE_FIT_ISSUES)),
  vacantAreaM2: z.number(),
  largestVacancyM2: z.number(),
  carriers: z.array(z.object({ code: z.string(), name: z.string(), vacantAreaM2: z.number(), fits: z.boolean() })),
  /** Version of the stored needs (0 when none are stated yet). */
  version: z.number().int(),
});
export type ZoneFitView = z.infer<typeof zoneFitSchema>;
export const spaceNeedsUpdateSchema = spaceNeedsSchema.extend({ version: z.number().int().min(0) });
