import { z } from 'zod';

/**
 * Output of the policy parser (`parsePolicy`, `biomfg plan parse FILE --json`, the plan import screen).
 * Every `source` / warning range is a pair of character offsets into the parsed text (JavaScript string
 * indices, end exclusive), so the UI can highlight the clause a goal, task or warning came from.
 * `null` in a header field means "not found"; a warning then says so.
 */
export const sourceRangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((r) => r.end >= r.start, { message: 'end must not precede start' });
export type SourceRange = z.infer<typeof sourceRangeSchema>;

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * How the text bounds a target. The words are the policy's own (simplified Chinese), so an operator
 * recognises them; `不超过` covers upper bounds (以内, 以下, 不高于, 控制在).
 */
export const GOAL_COMPARATORS = ['突破', '超过', '达到', '不低于', '不少于', '以上', '力争', '左右', '不超过'] as const;
export const goalComparatorSchema = z.enum(GOAL_COMPARATORS);
export type GoalComparator = z.infer<typeof goalComparatorSchema>;

export const parsedGoalSchema = z.object({
  metric: z.string().min(1),
  year: z.number().int().min(1900).max(2200),
  /** Only for a target over a span of years ("2027—2029年"); `year` is then the last year. */
  yearFrom: z.number().int().min(1900).max(2200).optional(),
  value: z.number().finite(),
  /** Upper value of a range ("2至4家", "6—8个"). */
  valueMax: z.number().finite().optional(),
  unit: z.string().min(1),
  comparator: goalComparatorSchema,
  /** A target the text states loosely ("左右", "约", "十余家"): `value` is the figure written, not a bound. */
  approximate: z.boolean().optional(),
  /** A target stated against a base ("翻一番", "倍增"): `value` is the factor and `unit` is 倍. */
  relative: z.boolean().optional(),
  source: sourceRangeSchema,
  /** Every place the text states this goal (a summary restating it, a news repost): `source` is the first. */
  sources: z.array(sourceRangeSchema).optional(),
});
export type ParsedGoal = z.infer<typeof parsedGoalSchema>;

/**
 * A figure that describes the present ("2023年,全区规上工业企业136家", "产业规模已突破900亿元"): the base a
 * plan starts from, never a target. `year` is null when the text gives none.
 */
export const parsedBaselineSchema = z.object({
  metric: z.string().min(1),
  year: z.number().int().min(1900).max(2200).nullable(),
  value: z.number().finite(),
  unit: z.string().min(1),
  source: sourceRangeSchema,
});
export type ParsedBaseline = z.infer<typeof parsedBaselineSchema>;

export const parsedDomainSchema = z.object({
  name: z.string().min(1),
  subfields: z.array(z.string().min(1)),
  source: sourceRangeSchema,
});
export type ParsedDomain = z.infer<typeof parsedDomainSchema>;

export const parsedZoneSchema = z.object({
  name: z.string().min(1),
  /** Short form from the layout formula, e.g. "一城" in “一城一港一湾一园一谷”. */
  alias: z.string().min(1).optional(),
  /** The area the zone is built on ("湾区科创城"; may list several: "上海石化、上海化工区"); '' if not named. */
  base: z.string(),
  carriers: z.array(z.string().min(1)),
  source: sourceRangeSchema,
});
export type ParsedZone = z.infer<typeof parsedZoneSchema>;

export const unitRoleSchema = z.enum(['lead', 'co']);
export const parsedTaskUnitSchema = z.object({ name: z.string().min(1), role: unitRoleSchema });
export type ParsedTaskUnit = z.infer<typeof parsedTaskUnitSchema>;

export const parsedMeasureSchema = z.object({
  title: z.string().min(1),
  /** The measure's content after its lead sentence (the whole content when there is no lead sentence). */
  text: z.string(),
  /** Units stated at the end of this item itself; the task's `units` merge those of all its items. */
  units: z.array(z.object({ name: z.string().min(1), role: z.enum(['lead', 'co']) })).optional(),
  /** Where this item's units were read. */
  unitSources: z.array(sourceRangeSchema).optional(),
  source: sourceRangeSchema,
});
export type ParsedMeasure = z.infer<typeof parsedMeasureSchema>;

export const taskKindSchema = z.enum(['task', 'safeguard']);
export const parsedTaskSchema = z.object({
  kind: taskKindSchema,
  /** Ordinal 1..n within its kind, whatever the labels say (numbering may restart or run on). */
  number: z.number().int().min(1),
  /** The label as printed, e.g. "(一)", "1.", "——". */
  label: z.string(),
  title: z.string().min(1),
  measures: z.array(parsedMeasureSchema),
  units: z.array(parsedTaskUnitSchema),
  /** Where the units were read: each unit clause ("(责任单位:…)", "责任单位:…" lines), in text order. */
  unitSources: z.array(sourceRangeSchema).optional(),
  source: sourceRangeSchema,
});
export type ParsedTask = z.infer<typeof parsedTaskSchema>;

export const parseWarningSchema = z.object({
  message: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type ParseWarning = z.infer<typeof parseWarningSchema>;

export const forwardingSchema = z.object({
  title: z.string().min(1),
  issuer: z.string().nullable(),
  issuedOn: isoDateSchema.nullable(),
});
export type ForwardingNotice = z.infer<typeof forwardingSchema>;

export const parsedPolicySchema = z.object({
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: isoDateSchema.nullable(),
  /** Canonical form with 〔〕 brackets, e.g. 沪府办发〔2023〕18号. */
  docNumber: z.string().optional(),
  forwarding: forwardingSchema.optional(),
  goals: z.array(parsedGoalSchema),
  /** Present-day figures the text states (not targets); absent in results stored before they were read. */
  baselines: z.array(parsedBaselineSchema).optional(),
  domains: z.array(parsedDomainSchema),
  zones: z.array(parsedZoneSchema),
  tasks: z.array(parsedTaskSchema),
  warnings: z.array(parseWarningSchema),
});
export type ParsedPolicy = z.infer<typeof parsedPolicySchema>;
