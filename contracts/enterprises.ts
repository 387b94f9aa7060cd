import { z } from 'zod';
import { pageOf, paginationQuerySchema } from './common.ts';

export const codeNameSchema = z.object({ code: z.string(), name: z.string() });

export const enterpriseListItemSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  domain: codeNameSchema.nullable(),
  zone: codeNameSchema.nullable(),
  stage: z.enum(['incubating', 'accelerating', 'industrialized']),
  isAboveScale: z.boolean(),
  tags: z.array(z.string()),
  isDemo: z.boolean(),
});
export type EnterpriseListItem = z.infer<typeof enterpriseListItemSchema>;

export const enterpriseListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(64).optional(),
  domain: z.string().max(64).optional(),
  zone: z.string().max(64).optional(),
});
export const enterprisePageSchema = pageOf(enterpriseListItemSchema);
