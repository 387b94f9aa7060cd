import { z } from 'zod';
import { plainTextSchema, singleLineTextSchema, uuidSchema } from './common.ts';

/** Enterprise services (issue 14): requests 企业诉求, shared-instrument booking, policy matching. */

// ---- requests -------------------------------------------------------------------------------------------
export const REQUEST_STATUSES = ['submitted', 'accepted', 'replied', 'closed'] as const;
export const requestStatusSchema = z.enum(REQUEST_STATUSES);

export const requestSubmitSchema = z
  .object({
    category: singleLineTextSchema(40).min(1),
    title: singleLineTextSchema(120).min(1),
    description: plainTextSchema.pipe(z.string().min(1).max(4000)),
  })
  .strict();
export const requestAcceptSchema = z.object({ plan: plainTextSchema.pipe(z.string().max(2000)).optional(), version: z.number().int() }).strict();
export const requestReplySchema = z.object({ reply: plainTextSchema.pipe(z.string().min(1).max(4000)), version: z.number().int() }).strict();
export const requestRateSchema = z
  .object({ rating: z.number().int().min(1).max(5), comment: plainTextSchema.pipe(z.string().max(1000)).optional(), version: z.number().int() })
  .strict();
export const requestListQuerySchema = z
  .object({
    status: requestStatusSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const slaStepViewSchema = z.object({
  step: z.enum(['acknowledge', 'resolve']),
  dueAt: z.string(),
  phase: z.enum(['on-time', 'due-soon', 'overdue', 'met', 'missed']),
});
export const requestViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  category: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  title: z.string(),
  description: z.string(),
  /** `name` Chinese, `nameEn` English (a platform's own name in both). */
  target: z.object({ kind: z.enum(['department', 'zone', 'platform']), id: z.string(), name: z.string(), nameEn: z.string() }),
  status: requestStatusSchema,
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  plan: z.string().nullable(),
  repliedAt: z.string().nullable(),
  reply: z.string().nullable(),
  rating: z.number().int().nullable(),
  reopenCount: z.number().int(),
  sla: z.array(slaStepViewSchema),
  version: z.number().int(),
});
export type RequestView = z.infer<typeof requestViewSchema>;
export const requestEventSchema = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  occurredAt: z.string(),
});
export const requestDetailSchema = requestViewSchema.extend({ events: z.array(requestEventSchema) });
export const requestPageSchema = z.object({ items: z.array(requestViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const requestCategorySchema = z.object({ category: z.string(), nameZh: z.string(), nameEn: z.string(), targetKind: z.string(), targetName: z.string(), targetNameEn: z.string() });
export const requestCategoriesSchema = z.object({ items: z.array(requestCategorySchema) });

// ---- instruments and bookings ----------------------------------------------------------------------------
export const BOOKING_STATUSES = ['offered', 'requested', 'approved', 'declined', 'cancelled', 'completed', 'no-show', 'expired'] as const;
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);
export const instrumentViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  location: z.string().nullable(),
  rules: z.string().nullable(),
  requiresTraining: z.boolean(),
  prices: z.object({ inDistrict: z.string(), outside: z.string(), academic: z.string() }),
  opensAt: z.string(),
  closesAt: z.string(),
  /** The caller's own training on it (enterprise accounts), else null. */
  myTrainingExpiresOn: z.string().nullable(),
});
export const instrumentListSchema = z.object({ items: z.array(instrumentViewSchema) });

export const bookingCreateSchema = z
  .object({
    instrumentId: uuidSchema,
    start: z.string().datetime({ offset: true }),
    end: z.string().datetime({ offset: true }),
    purpose: plainTextSchema.pipe(z.string().max(500)).optional(),
  })
  .strict();
export const bookingDecisionSchema = z.object({ note: plainTextSchema.pipe(z.string().max(500)).optional(), version: z.number().int() }).strict();
export const bookingListQuerySchema = z
  .object({
    instrumentId: uuidSchema.optional(),
    status: bookingStatusSchema.optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export const bookingViewSchema = z.object({
  id: z.string(),
  instrumentId: z.string(),
  instrumentName: z.string(),
  platformName: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  start: z.string(),
  end: z.string(),
  status: bookingStatusSchema,
  userCategory: z.string(),
  pricePerHour: z.string(),
  amount: z.string(),
  purpose: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** A cancellation closer to the start than the platform's limit (counts towards a suspension). */
  lateCancel: z.boolean(),
  /** Until when an offered slot is held for this enterprise (waitlist offers only). */
  offerExpiresAt: z.string().nullable(),
  version: z.number().int(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;
export const bookingListSchema = z.object({ items: z.array(bookingViewSchema) });
/** Busy slots of one instrument (anyone who may book sees when it is taken, never by whom). */
export const busySlotsSchema = z.object({ items: z.array(z.object({ start: z.string(), end: z.string(), status: z.string() })) });
export const utilisationQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict();
export const utilisationSchema = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      instrumentId: z.string(),
      instrumentName: z.string(),
      platformName: z.string(),
      availableHours: z.number(),
      bookedHours: z.number(),
      usedHours: z.number(),
      utilisation: z.number().nullable(),
      inDistrictShare: z.number().nullable(),
      refused: z.number().int(),
    }),
  ),
  /** The same figures summed per platform (in-district share weighted by booked hours). */
  platforms: z.array(
    z.object({
      platformName: z.string(),
      instruments: z.number().int(),
      availableHours: z.number(),
      bookedHours: z.number(),
      usedHours: z.number(),
      utilisation: z.number().nullable(),
      inDistrictShare: z.number().nullable(),
      refused: z.number().int(),
    }),
  ),
});

// ---- policies -------------------------------------------------------------------------------------------
export const policyViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  clause: z.string().nullable(),
  summary: z.string().nullable(),
  amount: z.string().nullable(),
  deadline: z.string().nullable(),
  materials: z.string().nullable(),
  mode: z.enum(['auto', 'apply']),
  conditions: z.array(z.string()),
});
export const policyListSchema = z.object({ items: z.array(policyViewSchema) });
export const policyEligibilitySchema = z.object({
  policy: z.string(),
  mode: z.enum(['auto', 'apply']),
  eligible: z.array(z.object({ uscc: z.string(), name: z.string(), awarded: z.boolean() })),
  missing: z.array(z.object({ uscc: z.string(), name: z.string(), lacks: z.array(z.string()) })),
});
export const myPoliciesSchema = z.object({
  items: z.array(z.object({ code: z.string(), title: z.string(), mode: z.enum(['auto', 'apply']), eligible: z.boolean(), awarded: z.boolean(), lacks: z.array(z.string()) })),
});
export const policyCodeParamSchema = z.object({ code: singleLineTextSchema(40).min(1) }).strict();
export const awardConfirmSchema = z.object({ usccs: z.array(z.string().length(18)).min(1).max(500) }).strict();
export const awardResultSchema = z.object({ confirmed: z.number().int(), skipped: z.array(z.object({ uscc: z.string(), reason: z.string() })) });
