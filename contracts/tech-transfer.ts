import { z } from 'zod';
import { plainTextSchema, singleLineTextSchema, uuidSchema } from './common.ts';

/** Technology transfer 成果转化 (issue 14 §3): listings, introductions, challenges, expert evaluation, deals. */

export const LISTING_KINDS = ['patent', 'technology', 'project'] as const;
export const PARTNERSHIPS = ['licence', 'transfer', 'co-development', 'equity', 'service'] as const;
export const IP_STATUSES = ['granted', 'pending', 'know-how', 'software', 'none'] as const;
export const LISTING_STATUSES = ['active', 'withdrawn', 'transferred'] as const;
export const DEAL_STATUSES = ['negotiating', 'signed', 'terminated'] as const;

const line = (max: number) => singleLineTextSchema(max);
const text = (max: number) => plainTextSchema.pipe(z.string().max(max));
const named = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const listingInputSchema = z
  .object({
    kind: z.enum(LISTING_KINDS),
    title: line(120).min(2),
    summary: text(2000).pipe(z.string().min(10)),
    /** The commission names the owner (a platform, or an institution by name); a platform account lists for its own platform. */
    ownerPlatformId: uuidSchema.nullable().optional(),
    ownerName: line(120).optional(),
    domainCode: line(64).nullable().optional(),
    nodeCode: line(64).nullable().optional(),
    trl: z.number().int().min(1).max(9),
    partnerships: z.array(z.enum(PARTNERSHIPS)).min(1).max(5),
    ipStatus: z.enum(IP_STATUSES),
    keywords: z.array(line(20).min(1)).max(12).default([]),
    contactName: line(40).nullable().optional(),
    contactPhone: line(40).nullable().optional(),
    status: z.enum(LISTING_STATUSES).optional(),
  })
  .strict();
export const listingUpdateSchema = listingInputSchema.extend({ version: z.number().int() }).strict();
export type ListingInput = z.infer<typeof listingInputSchema>;

export const listingListQuerySchema = z
  .object({
    q: line(64).optional(),
    domain: line(64).optional(),
    kind: z.enum(LISTING_KINDS).optional(),
    minTrl: z.coerce.number().int().min(1).max(9).optional(),
    status: z.enum(LISTING_STATUSES).optional(),
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const listingViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(LISTING_KINDS),
  title: z.string(),
  summary: z.string(),
  ownerName: z.string(),
  ownerPlatformId: z.string().nullable(),
  domain: named.nullable(),
  node: named.nullable(),
  trl: z.number().int(),
  partnerships: z.array(z.enum(PARTNERSHIPS)),
  ipStatus: z.enum(IP_STATUSES),
  keywords: z.array(z.string()),
  status: z.enum(LISTING_STATUSES),
  /** Null unless the caller owns the listing, manages the district, or has an accepted introduction. */
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  canManage: z.boolean(),
  /** The calling enterprise's own introduction request, if any. */
  myIntroduction: z.enum(['requested', 'accepted', 'declined']).nullable(),
  introductions: z.number().int(),
  deals: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const listingListSchema = z.object({ items: z.array(listingViewSchema) });

export const introductionInputSchema = z
  .object({ message: text(1000).pipe(z.string().min(2)), contactName: line(40).optional(), contactPhone: line(40).optional() })
  .strict();
export const introductionDecisionSchema = z.object({ note: text(500).optional(), version: z.number().int() }).strict();
export const introductionViewSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  enterpriseName: z.string(),
  message: z.string(),
  status: z.enum(['requested', 'accepted', 'declined']),
  /** The requester's contact: shown to the listing's owner once accepted (and to the commission). */
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  canDecide: z.boolean(),
  version: z.number().int(),
});
export const introductionListSchema = z.object({ items: z.array(introductionViewSchema) });

export const challengeInputSchema = z
  .object({
    title: line(120).min(2),
    description: text(2000).pipe(z.string().min(10)),
    domainCode: line(64).nullable().optional(),
    nodeCode: line(64).nullable().optional(),
    keywords: z.array(line(20).min(1)).min(1).max(12),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  })
  .strict();
const matchReasonSchema = z.object({ kind: z.enum(['same-node', 'same-domain', 'keyword']), detail: z.string().optional() });
export const challengeViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  enterpriseName: z.string(),
  title: z.string(),
  description: z.string(),
  domain: named.nullable(),
  node: named.nullable(),
  keywords: z.array(z.string()),
  deadline: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  pushedTo: z.number().int(),
  responses: z.number().int(),
});
export const challengeListSchema = z.object({ items: z.array(challengeViewSchema) });
export const challengeDetailSchema = challengeViewSchema.extend({
  /** The listings the challenge was pushed to and why (the caller's own listings only, for a platform account). */
  matches: z.array(z.object({ listingId: z.string(), listingTitle: z.string(), ownerName: z.string(), score: z.number().int(), reasons: z.array(matchReasonSchema), responded: z.boolean(), canRespond: z.boolean() })),
  responseList: z.array(z.object({ id: z.string(), listingId: z.string(), listingTitle: z.string(), ownerName: z.string(), note: z.string(), createdAt: z.string() })),
});
export const challengeResponseInputSchema = z.object({ listingId: uuidSchema, note: text(1000).pipe(z.string().min(2)) }).strict();

export const rubricSchema = z.object({ items: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), weight: z.number().int() })) });

const exclusionReasonSchema = z.object({
  kind: z.enum(['declared-conflict', 'same-institution', 'already-assigned']),
  enterpriseName: z.string().optional(),
  relation: z.string().optional(),
  party: z.enum(['owner', 'challenger', 'requester', 'dealer']).optional(),
  institution: z.string().optional(),
});
const expertBriefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), title: z.string().nullable(), affiliation: z.string().nullable(), domains: z.array(z.string()), fields: z.array(z.string()) });
export const evaluationCandidatesQuerySchema = z.object({ listingId: uuidSchema, responseId: uuidSchema.optional() }).strict();
export const evaluationCandidatesSchema = z.object({
  offered: z.array(expertBriefSchema.extend({ fieldMatch: z.boolean() })),
  excluded: z.array(expertBriefSchema.extend({ reasons: z.array(exclusionReasonSchema) })),
});
export const evaluationAssignSchema = z.object({ listingId: uuidSchema, responseId: uuidSchema.optional(), expertIds: z.array(uuidSchema).min(1).max(10) }).strict();
export const evaluationScoreSchema = z
  .object({
    scores: z.array(z.object({ criterion: line(40), score: z.number().int().min(0).max(10) }).strict()).min(1).max(20),
    comment: text(2000).optional(),
    version: z.number().int(),
  })
  .strict();
export const evaluationListQuerySchema = z.object({ listingId: uuidSchema.optional(), status: z.enum(['assigned', 'submitted']).optional() }).strict();
export const evaluationViewSchema = z.object({
  id: z.string(),
  listing: z.object({ id: z.string(), code: z.string(), title: z.string(), summary: z.string(), ownerName: z.string(), trl: z.number().int(), domain: named.nullable() }),
  challengeTitle: z.string().nullable(),
  expert: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(['assigned', 'submitted']),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  scores: z.array(z.object({ criterion: z.string(), nameZh: z.string(), nameEn: z.string(), weight: z.number().int(), score: z.number().int() })),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
  canScore: z.boolean(),
  version: z.number().int(),
});
export const evaluationListSchema = z.object({ items: z.array(evaluationViewSchema) });

export const dealInputSchema = z
  .object({
    listingId: uuidSchema,
    enterpriseUscc: line(18).min(18),
    kind: z.enum(PARTNERSHIPS),
    status: z.enum(DEAL_STATUSES),
    /** 万元, as a decimal string (exact). */
    amount: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/).nullable().optional(),
    financingAmount: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/).nullable().optional(),
    financingSource: line(80).nullable().optional(),
    signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
    projectCode: line(40).nullable().optional(),
    note: text(1000).nullable().optional(),
  })
  .strict();
export const dealUpdateSchema = dealInputSchema.omit({ listingId: true, enterpriseUscc: true }).extend({ version: z.number().int() }).strict();
export const dealViewSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  listingTitle: z.string(),
  enterprise: z.object({ name: z.string(), uscc: z.string() }),
  kind: z.enum(PARTNERSHIPS),
  status: z.enum(DEAL_STATUSES),
  amount: z.string().nullable(),
  financingAmount: z.string().nullable(),
  financingSource: z.string().nullable(),
  signedOn: z.string().nullable(),
  /** The investment project the deal created, as far as the caller may see it (null otherwise). */
  project: z.object({ id: z.string(), code: z.string(), name: z.string(), stage: z.string(), expectedAnnualOutput: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const dealListSchema = z.object({ items: z.array(dealViewSchema) });

export const listingDetailSchema = listingViewSchema.extend({
  introductionList: z.array(introductionViewSchema),
  dealList: z.array(dealViewSchema),
  /** The commission and the leader: every evaluation and the summary; others: null. */
  evaluation: z
    .object({
      summary: z.object({ submitted: z.number().int(), pending: z.number().int(), mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() }),
      items: z.array(evaluationViewSchema),
    })
    .nullable(),
  challenges: z.array(z.object({ id: z.string(), title: z.string(), enterpriseName: z.string(), score: z.number().int() })),
});
