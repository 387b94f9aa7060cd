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
  source: sourceRangeSchema,
});
export type ParsedGoal = z.infer<typeof parsedGoalSchema>;

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
  domains: z.array(parsedDomainSchema),
  zones: z.array(parsedZoneSchema),
  tasks: z.array(parsedTaskSchema),
  warnings: z.array(parseWarningSchema),
});
export type ParsedPolicy = z.infer<typeof parsedPolicySchema>;
