import { z } from 'zod';
import { plainTextSchema, singleLineTextSchema, uuidSchema } from './common.ts';
import { isoDateSchema, phoneSchema } from './registry-common.ts';

/**
 * Supply–demand matchmaking 区内资源协同 (issue 14 §2, docs/decisions/0027-supply-demand-matchmaking.md):
 * enterprises post needs and offers, matches are proposed by chain relation and text similarity, both sides
 * agree before contacts are shared, and the outcome is recorded.
 */

export const POSTING_KINDS = ['need', 'offer'] as const;
export const POSTING_SUBJECTS = ['product', 'service'] as const;
export const CURRENT_SOURCES = ['local', 'outside', 'none'] as const;
export const MATCH_STATUSES = ['proposed', 'agreed', 'declined', 'contacted', 'deal', 'no-deal'] as const;
export const MATCH_RELATIONS = ['same-node', 'upstream', 'downstream', 'text-only'] as const;

const text = (max: number) => plainTextSchema.pipe(z.string().trim().max(max));
/** An amount in 万元 with at most two decimals, as text (exact decimal, never a float). */
export const dealAmountSchema = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { message: '金额（万元）最多两位小数 / amount in 10k yuan, at most two decimals' });

export const postingCreateSchema = z
  .object({
    kind: z.enum(POSTING_KINDS),
    subject: z.enum(POSTING_SUBJECTS),
    nodeId: uuidSchema.nullable().optional(),
    title: singleLineTextSchema(120).pipe(z.string().trim().min(2)),
    description: text(2000).pipe(z.string().min(2)),
    specification: text(1000).optional(),
    quantity: singleLineTextSchema(120).optional(),
    periodFrom: isoDateSchema.optional(),
    periodTo: isoDateSchema.optional(),
    validUntil: isoDateSchema,
    currentSource: z.enum(CURRENT_SOURCES).optional(),
    contactName: singleLineTextSchema(40).pipe(z.string().trim().min(1)),
    contactPhone: phoneSchema,
  })
  .strict()
  .refine((v) => !v.periodFrom || !v.periodTo || v.periodFrom <= v.periodTo, { path: ['periodTo'], message: '结束日期早于开始日期 / the period ends before it starts' });

export const postingCloseSchema = z.object({ reason: text(500).optional(), version: z.number().int() }).strict();

export const postingListQuerySchema = z
  .object({
    kind: z.enum(POSTING_KINDS).optional(),
    status: z.enum(['open', 'closed']).optional(),
    mine: z.enum(['true', 'false']).optional(),
    q: singleLineTextSchema(64).optional(),
    nodeId: uuidSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const postingViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(POSTING_KINDS),
  subject: z.enum(POSTING_SUBJECTS),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  node: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), stage: z.string() }).nullable(),
  title: z.string(),
  description: z.string(),
  specification: z.string().nullable(),
  quantity: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  validUntil: z.string(),
  currentSource: z.enum(CURRENT_SOURCES).nullable(),
  status: z.enum(['open', 'closed']),
  closedReason: z.string().nullable(),
  /** True for the caller's own posting. */
  isOwn: z.boolean(),
  /** The contact, masked (张*, 138****5678); the clear values only through an agreed match. Null: not shown to this reader. */
  contact: z.object({ name: z.string(), phone: z.string() }).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type PostingView = z.infer<typeof postingViewSchema>;
export const postingPageSchema = z.object({ items: z.array(postingViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const matchReasonSchema = z.object({
  relation: z.enum(MATCH_RELATIONS),
  nodeScore: z.number(),
  textScore: z.number(),
  terms: z.array(z.string()),
});

export const candidateViewSchema = z.object({
  posting: postingViewSchema,
  score: z.number(),
  reason: matchReasonSchema,
  /** An existing match of the two postings, if any. */
  matchId: z.string().nullable(),
});
export const candidateListSchema = z.object({ items: z.array(candidateViewSchema) });

export const matchProposeSchema = z.object({ needId: uuidSchema, offerId: uuidSchema }).strict();
export const matchConsentSchema = z.object({ agree: z.boolean(), version: z.number().int() }).strict();
export const matchOutcomeSchema = z
  .object({
    outcome: z.enum(['contacted', 'deal', 'no-deal']),
    amount: dealAmountSchema.optional(),
    note: text(1000).optional(),
    version: z.number().int(),
  })
  .strict()
  .refine((v) => v.outcome === 'deal' || v.amount === undefined, { path: ['amount'], message: '只有成交才填写金额 / only a deal has an amount' });

export const matchListQuerySchema = z
  .object({
    status: z.enum(MATCH_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const matchViewSchema = z.object({
  id: z.string(),
  need: postingViewSchema,
  offer: postingViewSchema,
  score: z.number(),
  reason: matchReasonSchema,
  needConsent: z.enum(['pending', 'agreed', 'declined']),
  offerConsent: z.enum(['pending', 'agreed', 'declined']),
  status: z.enum(MATCH_STATUSES),
  /** Which side the caller is on (null: not a party — the commission, a park, a leader). */
  side: z.enum(['need', 'offer']).nullable(),
  /** Deal amount in 万元, exact decimal text. */
  dealAmount: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  proposedAt: z.string(),
  version: z.number().int(),
});
export type MatchView = z.infer<typeof matchViewSchema>;
export const matchPageSchema = z.object({ items: z.array(matchViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The other side's contact, in the clear: only for a party of an agreed match (audited). */
export const matchContactsSchema = z.object({
  matchId: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
});
