import { z } from 'zod';
import { indicatorCodeSchema, periodSchema } from './indicators.ts';

/**
 * Analytics contracts (SPEC §4): breakdowns by dimension, drill-down to enterprises, goal progress and the
 * cockpit. Amounts are in the indicator's storage unit (万元 for money); growth rates are fractions
 * (0.12 = 12%), contributions fractions of the total change, pulls percentage points.
 */

export const STAT_DIMENSIONS = ['total', 'domain', 'zone', 'node', 'stage', 'scale', 'tag', 'carrier', 'enterprise', 'domain-zone', 'manufacturing'] as const;
export const statDimensionSchema = z.enum(STAT_DIMENSIONS);
export type StatDimension = z.infer<typeof statDimensionSchema>;

/**
 * Dimensions whose groups overlap: an enterprise with two tags counts in both, so the groups' contributions
 * do not add up to 1 there (every other dimension partitions the enterprises).
 */
export const OVERLAPPING_DIMENSIONS: readonly StatDimension[] = ['tag'];

export const breakdownQuerySchema = z.object({
  indicator: indicatorCodeSchema.default('revenue'),
  period: periodSchema,
  by: statDimensionSchema.default('domain'),
});
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

export const figuresSchema = z.object({
  /** Σ_C of month M. */
  month: z.number(),
  /** Σ_C YTD(y, M). */
  ytd: z.number(),
  /** Comparable base: Σ_C YTD(y−1, M). */
  base: z.number(),
  /** Comparable YoY (fraction); null when the base is 0. */
  yoy: z.number().nullable(),
  nominalYtd: z.number(),
  nominalBase: z.number(),
  /** Nominal change of the totals (all enterprises in each period), labelled as such. */
  nominalYoy: z.number().nullable(),
  /** ΔYTD_k / ΔYTD_total; null when the total change is 0. */
  contribution: z.number().nullable(),
  /** ΔYTD_k / base_total × 100 (percentage points); null when the total base is 0. */
  pull: z.number().nullable(),
  /** |C_I|: enterprises whose approved report for month M has a value for the indicator (0 counts). */
  enterprises: z.number().int(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const breakdownRowSchema = figuresSchema.extend({
  /** The group's code (domain code, zone code, enterprise id …). */
  code: z.string(),
  /** The group's display name (Chinese), what `stats query` prints as `key`. */
  key: z.string(),
  nameEn: z.string(),
});
export type BreakdownRowView = z.infer<typeof breakdownRowSchema>;

export const breakdownSchema = z.object({
  indicator: indicatorCodeSchema,
  unit: z.string(),
  period: periodSchema,
  by: statDimensionSchema,
  /** The population the figures cover: the district, or a park's own zone. */
  scope: z.object({ kind: z.enum(['district', 'zone']), code: z.string().nullable() }),
  rows: z.array(breakdownRowSchema),
  total: breakdownRowSchema,
});
export type BreakdownView = z.infer<typeof breakdownSchema>;

export const drillQuerySchema = z.object({
  indicator: indicatorCodeSchema.default('revenue'),
  period: periodSchema,
  by: statDimensionSchema.default('total'),
  key: z.string().max(200).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DrillQuery = z.infer<typeof drillQuerySchema>;

/**
 * A drill-down row: `contribution` and `pull` are relative to the group opened (its change and its base);
 * `scopeContribution` and `scopePull` to the scope's total (the district, or a park's zone) — the base the
 * cockpit's top-mover lists use, so the same enterprise shows the same number there and here.
 */
export const drillRowSchema = breakdownRowSchema.extend({
  scopeContribution: z.number().nullable(),
  scopePull: z.number().nullable(),
});
export type DrillRowView = z.infer<typeof drillRowSchema>;

export const drillSchema = z.object({
  indicator: indicatorCodeSchema,
  period: periodSchema,
  by: statDimensionSchema,
  key: z.string(),
  name: z.string(),
  /** The scope the `scope…` figures are relative to: the district, or a park's own zone. */
  scope: z.object({ kind: z.enum(['district', 'zone']), code: z.string().nullable() }),
  rows: z.array(drillRowSchema),
  total: breakdownRowSchema,
  /** Enterprises in the group beyond `limit` (the total includes them). */
  omitted: z.number().int(),
});
export type DrillView = z.infer<typeof drillSchema>;

export const goalStatusSchema = z.enum(['on-track', 'yellow', 'red']);

export const goalProgressSchema = z.object({
  key: z.string(),
  metric: z.string(),
  unit: z.string(),
  /** The formula used: from the plan when stored there, else the SPEC §4 default. */
  formula: z.object({ indicator: indicatorCodeSchema, filter: z.record(z.string(), z.unknown()) }),
  formulaSource: z.enum(['plan', 'default']),
  /** The goal's years and targets in 万元, ascending. */
  targets: z.array(z.object({ year: z.number().int(), value: z.number() })),
  baseline: z.object({ year: z.number().int(), value: z.number().nullable() }),
  /** Calendar-year totals (万元) from the baseline year to the last complete year. */
  actuals: z.array(z.object({ year: z.number().int(), value: z.number() })),
  milestones: z.array(z.object({ year: z.number().int(), value: z.number(), kind: z.enum(['baseline', 'interpolated', 'goal']) })),
  segments: z.array(z.object({ fromYear: z.number().int(), toYear: z.number().int(), requiredCagr: z.number() })),
  /** CAGR from the baseline to the last complete year. */
  actualCagr: z.number().nullable(),
  current: z.object({
    period: periodSchema,
    ytd: z.number(),
    milestone: z.number().nullable(),
    timeProgress: z.number().nullable(),
    completion: z.number().nullable(),
    gapPp: z.number().nullable(),
    status: goalStatusSchema.nullable(),
    yearEndEstimate: z.number().nullable(),
    growth: z.number().nullable(),
  }),
});
export type GoalProgressView = z.infer<typeof goalProgressSchema>;

export const goalsQuerySchema = z.object({
  period: periodSchema.optional(),
  baselineYear: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const goalsSchema = z.object({
  period: periodSchema,
  baselineYear: z.number().int(),
  /**
   * Whose values: the district's, or one zone's (a park). The goals are the district's, so a zone's view has no
   * milestones, completion or status — only its values, growth and estimate, to set against the targets.
   */
  scope: z.object({ kind: z.enum(['district', 'zone']), code: z.string().nullable() }),
  goals: z.array(goalProgressSchema),
});
export type GoalsView = z.infer<typeof goalsSchema>;

export const cockpitQuerySchema = z.object({
  period: periodSchema.optional(),
  indicator: indicatorCodeSchema.default('revenue'),
});

export const cockpitSchema = z.object({
  period: periodSchema,
  indicator: indicatorCodeSchema,
  unit: z.string(),
  scope: z.object({ kind: z.enum(['district', 'zone']), code: z.string().nullable() }),
  total: breakdownRowSchema,
  /** Month values of this year and last year, and the YTD against the milestone line (万元). */
  trend: z.array(
    z.object({
      month: z.number().int(),
      value: z.number().nullable(),
      lastYear: z.number().nullable(),
      ytd: z.number().nullable(),
      lastYearYtd: z.number().nullable(),
      milestoneYtd: z.number().nullable(),
      /** Enterprises with an approved report (or bureau figures) for the month, this year and last year. */
      reporters: z.number().int(),
      lastYearReporters: z.number().int(),
    }),
  ),
  domains: z.array(breakdownRowSchema),
  zones: z.array(breakdownRowSchema.extend({ lon: z.number().nullable(), lat: z.number().nullable() })),
  domainZone: z.array(breakdownRowSchema.extend({ domain: z.string(), zone: z.string() })),
  topContributors: z.array(breakdownRowSchema),
  topDecliners: z.array(breakdownRowSchema),
  /** The latest month with approved figures. */
  latestPeriod: periodSchema.nullable(),
  /**
   * The latest closed month (all reports in, or its deadline — day STATS_MONTH_CLOSE_DAY of the next month —
   * passed): what the cockpit opens on. Null while no month is closed.
   */
  closedPeriod: periodSchema.nullable(),
  /** Months with figures that are not closed yet (未结束 / in progress). */
  openPeriods: z.array(periodSchema),
  /** The day of the following month on which a month closes whatever is missing (STATS_MONTH_CLOSE_DAY). */
  monthCloseDay: z.number().int(),
});
export type CockpitView = z.infer<typeof cockpitSchema>;

export const enterpriseStatsSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  indicator: indicatorCodeSchema,
  /** The month shown: the one asked for, else the enterprise's latest approved month. */
  period: periodSchema,
  /** A newer month of this enterprise submitted and awaiting review or approval, not yet in the figures. */
  pendingPeriod: periodSchema.nullable(),
  series: z.array(z.object({ period: periodSchema, value: z.number().nullable(), ytd: z.number().nullable(), yoy: z.number().nullable() })),
  ytd: z.number(),
  yoy: z.number().nullable(),
  /** 1-based rank by YTD among the enterprises of its domain, and how many there are. */
  rank: z.number().int().nullable(),
  peers: z.number().int(),
  /** Which quarter of its domain the rank falls in (null when there is no rank to show). */
  band: z.enum(['top-quarter', 'second-quarter', 'third-quarter', 'bottom-quarter']).nullable(),
  /**
   * Peers anonymised (YTD figures in rank order, never names or ids), for the leader and the commission only;
   * empty for everyone else, who see the rank and band (and no rank below a minimum group size).
   */
  peerValues: z.array(z.object({ rank: z.number().int(), ytd: z.number(), isSelf: z.boolean() })),
});
export type EnterpriseStatsView = z.infer<typeof enterpriseStatsSchema>;

export const enterpriseStatsQuerySchema = z.object({ indicator: indicatorCodeSchema.default('revenue'), period: periodSchema.optional() });
