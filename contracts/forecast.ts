import { z } from 'zod';
import { periodSchema } from './indicators.ts';

/**
 * Forecast of the goals (SPEC §5, issue 11 §2) and the 事后分析 gap analysis (§3). Values are in each goal's own
 * unit (亿元 for the shipped goals); probabilities and errors are fractions.
 */

export const forecastQuerySchema = z.object({
  runs: z.coerce.number().int().min(100).max(50_000).default(10_000),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(20231011),
});
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

const name = z.object({ zh: z.string(), en: z.string() });

export const sensitivityRowSchema = z.object({
  kind: z.enum(['zone', 'domain', 'enterprise', 'project']),
  key: z.string(),
  name,
  low: z.number(),
  high: z.number(),
  swing: z.number(),
});

export const goalForecastSchema = z.object({
  key: z.string(),
  metric: z.string(),
  year: z.number().int(),
  target: z.number(),
  unit: z.string(),
  p: z.number(),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  /** Already decided: the goal year is closed and its actual value is known. */
  decided: z.boolean(),
  sensitivity: z.array(sensitivityRowSchema),
});
export type GoalForecastView = z.infer<typeof goalForecastSchema>;

export const metricForecastSchema = z.object({
  metric: z.string(),
  unit: z.string(),
  baselineYear: z.number().int(),
  /** Actual values of closed years and the 10/50/90 % band of the others. */
  years: z.array(z.object({ year: z.number().int(), p10: z.number(), p50: z.number(), p90: z.number(), actual: z.boolean() })),
  /** The milestone line (geometric interpolation to each goal, SPEC §4). */
  milestones: z.array(z.object({ year: z.number().int(), value: z.number() })),
  enterprises: z.number().int(),
  projects: z.number().int(),
});

export const stageEstimateSchema = z.object({
  stage: z.enum(['signed', 'started', 'completed']),
  p: z.number(),
  meanDelayYears: z.number(),
  successes: z.number().int(),
  failures: z.number().int(),
  open: z.number().int(),
  priorDominates: z.boolean(),
});

export const backtestSchema = z.object({
  rows: z.array(z.object({ metric: z.string(), year: z.number().int(), p10: z.number(), p50: z.number(), p90: z.number(), actual: z.number(), error: z.number(), inBand: z.boolean() })),
  medianAbsError: z.number(),
  coverage: z.number(),
  cells: z.number().int(),
});

export const forecastSchema = z.object({
  asOf: periodSchema,
  runs: z.number().int(),
  seed: z.number().int(),
  goals: z.array(goalForecastSchema),
  metrics: z.array(metricForecastSchema),
  pipeline: z.array(stageEstimateSchema),
  backtest: backtestSchema,
  /** Goals the forecast cannot compute (no formula), by key. */
  refused: z.array(z.object({ key: z.string(), metric: z.string() })),
  computedMs: z.number(),
});
export type ForecastView = z.infer<typeof forecastSchema>;

export const gapQuerySchema = z.object({
  metric: z.string().min(1).max(100),
  period: periodSchema,
});

const gapPartSchema = z.object({ key: z.string(), name, previous: z.number(), current: z.number(), expected: z.number(), gap: z.number() });

export const gapAnalysisSchema = z.object({
  metric: z.string(),
  period: periodSchema,
  unit: z.string(),
  /** 'goal' when the year is a goal year, else 'milestone'; pro rata for a month before December. */
  against: z.enum(['goal', 'milestone']),
  target: z.number(),
  previous: z.number(),
  actual: z.number(),
  gap: z.number(),
  requiredChange: z.number(),
  actualChange: z.number(),
  byZone: z.array(gapPartSchema),
  byDomain: z.array(gapPartSchema),
  byGroup: z.array(gapPartSchema),
  enterprisesShort: z.array(gapPartSchema),
  enterprisesAhead: z.array(gapPartSchema),
  slippedProjects: z.array(z.object({ code: z.string(), name: z.string(), zone: z.string(), domain: z.string(), plannedOn: z.string(), plannedOutput: z.number() })),
  warnings: z.array(z.object({ level: z.string(), title: z.string(), subject: z.string() })),
});
export type GapAnalysisView = z.infer<typeof gapAnalysisSchema>;

/** The archive of monthly analysis reports (issue 11 §4). */
export const analysisReportSchema = z.object({
  id: z.string().uuid(),
  period: periodSchema,
  /** null: the district's report. */
  zoneCode: z.string().nullable(),
  fileName: z.string(),
  size: z.number().int(),
  source: z.enum(['manual', 'job']),
  generatedAt: z.string(),
  version: z.number().int(),
});
export type AnalysisReportView = z.infer<typeof analysisReportSchema>;
export const analysisReportListSchema = z.object({ items: z.array(analysisReportSchema) });
export const generateAnalysisReportSchema = z.object({
  period: periodSchema,
  /** A park's report is always its own zone's; the commission may name any zone or none (the district). */
  zone: z.string().min(1).max(64).nullable().optional(),
});
