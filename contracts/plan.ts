import { z } from 'zod';
import { plainTextSchema } from './common.ts';
import { indicatorCodeSchema } from './indicators.ts';
import {
  forwardingSchema,
  goalComparatorSchema,
  parsedGoalSchema,
  parsedPolicySchema,
  parseWarningSchema,
  sourceRangeSchema,
  taskKindSchema,
  unitRoleSchema,
} from './plan-parse.ts';

/**
 * The plan as stored (SPEC §2): plans, immutable versions, and each version's goals, domains, zones, tasks and
 * measures. Every item has `id` (this version's row) and `key` (stable across versions: later records link to
 * the key, e.g. "task-03-m2", so that a revised text does not orphan them).
 */

const codeSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/).max(64);

// ---------------------------------------------------------------------------------------------------------
// Goal formulas (SPEC §4): which indicator is summed over which enterprises, per calendar year.

export const formulaFilterSchema = z
  .object({
    /** `plan-domains`: enterprises in the plan's key domains; `all`: every enterprise in the registry. */
    scope: z.enum(['plan-domains', 'all']).optional(),
    isManufacturing: z.boolean().optional(),
    isAboveScale: z.boolean().optional(),
    domainCodes: z.array(codeSchema).max(20).optional(),
    zoneCodes: z.array(codeSchema).max(20).optional(),
  })
  .strict();
export type FormulaFilter = z.infer<typeof formulaFilterSchema>;

/** Σ `indicator` over the enterprises that pass `filter`, for the goal's calendar year (SPEC §4). */
export const goalFormulaSchema = z.object({ indicator: indicatorCodeSchema, filter: formulaFilterSchema }).strict();
export type GoalFormula = z.infer<typeof goalFormulaSchema>;

// ---------------------------------------------------------------------------------------------------------
// A stored version.

export const PLAN_VERSION_STATUSES = ['draft', 'active', 'archived'] as const;
export const planVersionStatusSchema = z.enum(PLAN_VERSION_STATUSES);
export type PlanVersionStatus = z.infer<typeof planVersionStatusSchema>;

export const planGoalSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  metric: z.string(),
  year: z.number().int(),
  yearFrom: z.number().int().nullable(),
  value: z.number(),
  valueMax: z.number().nullable(),
  unit: z.string(),
  comparator: goalComparatorSchema,
  source: sourceRangeSchema,
  formula: goalFormulaSchema.nullable(),
});
export type PlanGoal = z.infer<typeof planGoalSchema>;

export const planDomainSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  /** The reference domain of the same name (enterprises are classified by it), or null. */
  domainCode: z.string().nullable(),
  subfields: z.array(z.string()),
  source: sourceRangeSchema,
});
export type PlanDomain = z.infer<typeof planDomainSchema>;

export const planZoneSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  alias: z.string().nullable(),
  base: z.string(),
  carriers: z.array(z.string()),
  /** The reference zone of the same name and its map position (WGS84), or null. */
  zoneCode: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  source: sourceRangeSchema,
});
export type PlanZone = z.infer<typeof planZoneSchema>;

export const planMeasureSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  title: z.string(),
  text: z.string(),
  source: sourceRangeSchema,
});
export type PlanMeasure = z.infer<typeof planMeasureSchema>;

export const planUnitSchema = z.object({
  /** As the text names it, e.g. "区财政局(金融办)". */
  name: z.string(),
  role: unitRoleSchema,
  /** The department it was matched to, or null when the reference data does not know it. */
  department: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }).nullable(),
});
export type PlanUnit = z.infer<typeof planUnitSchema>;

export const planTaskSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  kind: taskKindSchema,
  number: z.number().int(),
  label: z.string(),
  title: z.string(),
  measures: z.array(planMeasureSchema),
  units: z.array(planUnitSchema),
  source: sourceRangeSchema,
  /** For a department user: whether its department leads or co-operates on this task (its tasks come first). */
  myRole: unitRoleSchema.nullable(),
});
export type PlanTask = z.infer<typeof planTaskSchema>;

export const planVersionCountsSchema = z.object({
  goals: z.number().int(),
  domains: z.number().int(),
  zones: z.number().int(),
  tasks: z.number().int(),
  safeguards: z.number().int(),
  measures: z.number().int(),
  warnings: z.number().int(),
});

export const planVersionSummarySchema = z.object({
  id: z.string().uuid(),
  planId: z.string().uuid(),
  version: z.number().int(),
  status: planVersionStatusSchema,
  title: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  sourceSha256: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  counts: planVersionCountsSchema,
});
export type PlanVersionSummary = z.infer<typeof planVersionSummarySchema>;

export const planSummarySchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  title: z.string(),
  activeVersionId: z.string().uuid().nullable(),
  versions: z.array(planVersionSummarySchema),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;
export const planListSchema = z.object({ items: z.array(planSummarySchema) });

export const planVersionDetailSchema = planVersionSummarySchema.extend({
  planCode: z.string(),
  planTitle: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  docNumber: z.string().nullable(),
  forwarding: forwardingSchema.nullable(),
  goals: z.array(planGoalSchema),
  domains: z.array(planDomainSchema),
  zones: z.array(planZoneSchema),
  tasks: z.array(planTaskSchema),
  warnings: z.array(parseWarningSchema),
  sourceText: z.string(),
});
export type PlanVersionDetail = z.infer<typeof planVersionDetailSchema>;

// ---------------------------------------------------------------------------------------------------------
// Import: parse (nothing saved), then save the corrected structure as a new version.

/** A policy text is tens of thousands of characters; the JSON body limit (1 MiB) bounds it in practice. */
export const MAX_POLICY_TEXT_CHARS = 300_000;

export const parseTextInputSchema = z.object({ text: z.string().min(1).max(MAX_POLICY_TEXT_CHARS) });

export const parseResponseSchema = z.object({
  /** The text the ranges refer to (line ends normalised to "\n"); send it back unchanged when saving. */
  text: z.string(),
  fileName: z.string().nullable(),
  /** SHA-256 of `text` in UTF-8: the same hash the saved version carries. */
  sha256: z.string(),
  result: parsedPolicySchema,
});
export type ParseResponse = z.infer<typeof parseResponseSchema>;

/** The operator's corrected structure: the parser's shape, plus an optional formula per goal. */
export const editedGoalSchema = parsedGoalSchema.extend({ formula: goalFormulaSchema.nullable().optional() });
export type EditedGoal = z.infer<typeof editedGoalSchema>;

/** What an operator types: surrounding spaces dropped, never empty. */
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const editedPolicySchema = parsedPolicySchema.extend({
  goals: z
    .array(
      editedGoalSchema.extend({
        metric: trimmed(60),
        unit: trimmed(16),
      }),
    )
    .max(500),
  tasks: z
    .array(
      parsedPolicySchema.shape.tasks.element.extend({
        title: trimmed(200),
        units: z.array(z.object({ name: trimmed(60), role: unitRoleSchema })).max(40),
      }),
    )
    .max(300),
});
export type EditedPolicy = z.infer<typeof editedPolicySchema>;

export const planVersionInputSchema = z.object({
  sourceText: plainTextSchema.min(1).max(MAX_POLICY_TEXT_CHARS),
  sourceFileName: z.string().trim().max(255).nullable(),
  note: z.string().trim().max(500).optional(),
  structure: editedPolicySchema,
});
export type PlanVersionInput = z.infer<typeof planVersionInputSchema>;

export const planCreateInputSchema = planVersionInputSchema.extend({
  /** Defaults to the document's title. */
  title: z.string().trim().min(1).max(200).optional(),
});
export type PlanCreateInput = z.infer<typeof planCreateInputSchema>;

export const formulaInputSchema = z.object({ formula: goalFormulaSchema.nullable() });

export const compareQuerySchema = z.object({ from: z.string().uuid(), to: z.string().uuid() });
export const activeQuerySchema = z.object({ plan: z.string().uuid().optional() });

// ---------------------------------------------------------------------------------------------------------
// Comparing two versions (computed by server/src/domain/plan-diff).

export const diffValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), goalFormulaSchema]);
export type DiffValue = z.infer<typeof diffValueSchema>;

export const fieldChangeSchema = z.object({ field: z.string(), before: diffValueSchema, after: diffValueSchema });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const diffItemSchema = z.object({ key: z.string(), label: z.string() });
export type DiffItem = z.infer<typeof diffItemSchema>;

export const changedItemSchema = diffItemSchema.extend({ changes: z.array(fieldChangeSchema) });
export type ChangedItem = z.infer<typeof changedItemSchema>;

export const sectionDiffSchema = z.object({
  added: z.array(diffItemSchema),
  removed: z.array(diffItemSchema),
  changed: z.array(changedItemSchema),
});
export type SectionDiff = z.infer<typeof sectionDiffSchema>;

export const unitChangeSchema = z.object({
  name: z.string(),
  before: unitRoleSchema.nullable(),
  after: unitRoleSchema.nullable(),
});
export type UnitChange = z.infer<typeof unitChangeSchema>;

export const taskDiffSchema = z.object({
  added: z.array(diffItemSchema),
  removed: z.array(diffItemSchema),
  changed: z.array(
    changedItemSchema.extend({
      measures: sectionDiffSchema,
      /** Units added (before null), removed (after null) or whose role changed. */
      units: z.array(unitChangeSchema),
    }),
  ),
});
export type TaskDiff = z.infer<typeof taskDiffSchema>;

export const planDiffSchema = z.object({
  header: z.array(fieldChangeSchema),
  goals: sectionDiffSchema,
  domains: sectionDiffSchema,
  zones: sectionDiffSchema,
  tasks: taskDiffSchema,
  /** Number of added + removed + changed items over all sections (0: the versions say the same). */
  total: z.number().int(),
});
export type PlanDiff = z.infer<typeof planDiffSchema>;

export const planCompareSchema = z.object({
  from: planVersionSummarySchema,
  to: planVersionSummarySchema,
  diff: planDiffSchema,
});
export type PlanCompare = z.infer<typeof planCompareSchema>;
