import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema } from './common.ts';

export const auditOutcomeSchema = z.enum(['success', 'failure', 'denied']);

export const auditEventViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditFilterSchema = z.object({
  username: searchTextSchema.optional(),
  action: searchTextSchema.optional(),
  objectType: searchTextSchema.optional(),
  objectId: z.string().trim().max(128).optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export const auditQuerySchema = paginationQuerySchema.extend(auditFilterSchema.shape);
export const auditPageSchema = pageOf(auditEventViewSchema);

export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), at: z.string().nullable(), reason: z.string() }).nullable(),
});
