import { z } from 'zod';
import { cockpitQuerySchema, cockpitSchema, goalsSchema } from './statistics.ts';
import { warningRollupSchema } from './warnings.ts';

/**
 * The cockpit page's data in one answer (issue 17, first load): the cockpit, the goals and the live warnings
 * rolled up on them. Each part is exactly what its own endpoint answers for the same caller and query
 * (/api/statistics/cockpit, /api/statistics/goals, /api/warnings/rollup); `warnings` is null for a role
 * that may not read warnings.
 */
export const cockpitPageQuerySchema = cockpitQuerySchema;
export type CockpitPageQuery = z.infer<typeof cockpitPageQuerySchema>;

export const cockpitPageSchema = z.object({
  cockpit: cockpitSchema,
  goals: goalsSchema,
  warnings: warningRollupSchema.nullable(),
});
export type CockpitPageView = z.infer<typeof cockpitPageSchema>;
