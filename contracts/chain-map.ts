import { z } from 'zod';
import { chainStageSchema } from './chains.ts';
import { msg, referenceCodeSchema } from './registry-common.ts';

/** Chain map (issue 13): the chain per domain with strength and gap per node, and the N lists of a node. */

const code = referenceCodeSchema;
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, msg('期间须为 YYYY-MM', 'The period must be YYYY-MM'));

export const chainMapQuerySchema = z.object({ domain: code.optional(), zone: code.optional(), period: period.optional() });
export type ChainMapQuery = z.infer<typeof chainMapQuerySchema>;

/**
 * The red band of the map (缺链, "top gaps"): a node whose gap is at least this is drawn with a red border, its
 * gap printed red in the ranking and flagged on its page; leaving it is what closing a gap means on the map.
 */
export const RED_GAP = 0.5;

export const STRENGTH_COMPONENT_KEYS = ['enterprises', 'share', 'growth', 'aboveScale', 'localSupply', 'pipeline'] as const;

export const strengthComponentSchema = z.object({
  key: z.enum(STRENGTH_COMPONENT_KEYS),
  /** The raw input (count, share 0..1, growth rate); null when there is no data or the caller may not see it. */
  input: z.number().nullable(),
  score: z.number().nullable(),
  weight: z.number(),
});

export const chainMapNodeSchema = z.object({
  id: z.string(),
  code: z.string(),
  domain: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  stage: chainStageSchema,
  sortOrder: z.number().int(),
  strength: z.number(),
  importance: z.number(),
  /** Whether the commission set the weight (otherwise the default). */
  importanceSet: z.boolean(),
  importanceVersion: z.number().int(),
  gap: z.number(),
  /** Local enterprises mapped onto the node (within the caller's enterprise scope and the zone filter). */
  enterprises: z.number().int(),
  aboveScale: z.number().int(),
  leaders: z.number().int(),
  /** Projects in the pipeline (lead … completed) mapped onto the node, within the caller's project scope. */
  projects: z.number().int(),
  signedProjects: z.number().int(),
  /** What signed, not yet producing projects add (counted in the strength's inputs): new enterprises, 规上, 万元 YTD-equivalent (null without figures). */
  committed: z.object({ enterprises: z.number().int(), aboveScale: z.number().int(), outputYtd: z.number().nullable() }),
  /** gap ≥ RED_GAP. */
  red: z.boolean(),
  /** Platforms serving the node (operated by or booked by its enterprises in the last year). */
  platforms: z.number().int(),
  /** Experts of the node's domain. */
  experts: z.number().int(),
  /** Live warnings about the node's enterprises and projects, within the caller's warning scope. */
  openWarnings: z.number().int(),
  /** Platform-gap items (issue 14 §1) whose demanding enterprises are on the node. */
  platformGaps: z.number().int(),
  /** 万元, YTD of the period; null for callers without statistics access. */
  outputYtd: z.number().nullable(),
  share: z.number().nullable(),
  growth: z.number().nullable(),
  components: z.array(strengthComponentSchema),
});
export type ChainMapNode = z.infer<typeof chainMapNodeSchema>;

export const chainMapDomainSchema = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), nodes: z.array(chainMapNodeSchema) });

/** A platform-gap item (issue 14 §1): refused or wait-listed demand for an instrument, or one the district lacks. */
export const platformGapItemSchema = z.object({
  gapKind: z.enum(['capacity', 'missing']),
  label: z.string(),
  platformName: z.string().nullable(),
  /** Refused + wait-listed bookings + requests. */
  demand: z.number().int(),
  hoursPerMonth: z.number().nullable(),
  enterprises: z.number().int(),
  nodes: z.array(z.object({ id: z.string(), code: z.string(), domain: z.string(), nameZh: z.string(), nameEn: z.string() })),
});
export type PlatformGapItem = z.infer<typeof platformGapItemSchema>;

export const chainMapSchema = z.object({
  /** The statistics period the figures are for (YYYY-MM), null when there are no approved figures yet. */
  period: z.string().nullable(),
  zone: z.string().nullable(),
  figuresVisible: z.boolean(),
  domains: z.array(chainMapDomainSchema),
  /** Every node of the shown domains, largest gap first. */
  gaps: z.array(chainMapNodeSchema),
  /** Platform-gap items on the shown nodes, largest demand first (平台缺口清单). */
  platformGaps: z.array(platformGapItemSchema),
  computeMs: z.number(),
});
export type ChainMapView = z.infer<typeof chainMapSchema>;

export const chainNodeListsSchema = z.object({
  period: z.string().nullable(),
  node: chainMapNodeSchema,
  /** 龙头企业: tagged leader / chain leader, or the largest by output. */
  leading: z.array(z.object({ id: z.string(), name: z.string(), zone: z.string().nullable(), aboveScale: z.boolean(), tags: z.array(z.string()), outputYtd: z.number().nullable() })),
  /** 配套企业: the other local enterprises on the node. */
  suppliers: z.array(z.object({ id: z.string(), name: z.string(), zone: z.string().nullable(), aboveScale: z.boolean(), tags: z.array(z.string()), outputYtd: z.number().nullable() })),
  /** 在谈/在建项目. */
  pipeline: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), stage: z.string(), zone: z.string().nullable(), expectedAnnualOutput: z.number().nullable() })),
  /** 专家 of the node's domain. */
  experts: z.array(z.object({ id: z.string(), name: z.string(), affiliation: z.string().nullable() })),
  /** 平台: platforms serving the node. */
  platforms: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), zone: z.string().nullable(), zoneEn: z.string().nullable() })),
  /** Live warnings about the node's enterprises and projects (the caller's warning scope). */
  warnings: z.array(z.object({ id: z.string(), level: z.string(), subject: z.string(), ruleZh: z.string(), ruleEn: z.string(), openedAt: z.string() })),
  /** Platform-gap items on the node. */
  platformGaps: z.array(platformGapItemSchema),
  /** 招商目标: candidate companies on the node (the candidate pool). */
  candidates: z.array(z.object({ id: z.string(), name: z.string(), city: z.string().nullable(), sizeTier: z.string().nullable() })),
});
export type ChainNodeLists = z.infer<typeof chainNodeListsSchema>;

export const chainNodeImportanceSchema = z.object({
  importance: z.number().min(0, msg('权重在0到1之间', 'The weight is between 0 and 1')).max(1, msg('权重在0到1之间', 'The weight is between 0 and 1')),
  reason: z.string().trim().max(200).optional(),
  /** The weight's version as read (0 when the node still has the default weight). */
  version: z.number().int().min(0),
});
