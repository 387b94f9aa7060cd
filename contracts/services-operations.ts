import { z } from 'zod';
import { plainTextSchema, singleLineTextSchema, uuidSchema } from './common.ts';
import { instrumentViewSchema } from './services.ts';

/**
 * Contracts of the services' second round (issue 14 §1, §4, §5): waitlist, booking rules, statements,
 * catalogue and training management, platform-gap items, policy applications, funds, effect, request themes.
 */

// ---- waitlist ---------------------------------------------------------------------------------------------
export const waitlistJoinSchema = z
  .object({
    instrumentId: uuidSchema,
    start: z.string().datetime({ offset: true }),
    end: z.string().datetime({ offset: true }),
    purpose: plainTextSchema.pipe(z.string().max(500)).optional(),
  })
  .strict();
export const waitlistEntrySchema = z.object({
  id: z.string(),
  instrumentId: z.string(),
  instrumentName: z.string(),
  enterpriseName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['waiting', 'offered', 'booked', 'expired', 'withdrawn']),
  /** When offered: the held booking and until when the offer runs. */
  bookingId: z.string().nullable(),
  offerExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const waitlistListSchema = z.object({ items: z.array(waitlistEntrySchema) });
export const versionBodySchema = z.object({ version: z.number().int() }).strict();

// ---- booking rules, standing ----------------------------------------------------------------------------
export const bookingRulesSchema = z
  .object({
    lateCancelHours: z.number().int().min(0).max(168),
    lateCancelsPerNoShow: z.number().int().min(0).max(10),
    noShowLimit: z.number().int().min(1).max(20),
    windowDays: z.number().int().min(7).max(365),
    suspensionDays: z.number().int().min(0).max(365),
    offerHours: z.number().int().min(1).max(72),
    chargeNoShow: z.boolean(),
  })
  .strict();
export const bookingRulesViewSchema = bookingRulesSchema.extend({ platformId: z.string(), platformName: z.string(), isDefault: z.boolean() });
export const bookingRulesListSchema = z.object({ items: z.array(bookingRulesViewSchema) });
export const platformIdParamSchema = z.object({ platformId: uuidSchema }).strict();
export const standingSchema = z.object({
  items: z.array(
    z.object({
      platformId: z.string(),
      platformName: z.string(),
      noShows: z.number().int(),
      lateCancels: z.number().int(),
      strikes: z.number().int(),
      limit: z.number().int(),
      suspendedUntil: z.string().nullable(),
    }),
  ),
});

// ---- statements -----------------------------------------------------------------------------------------
export const monthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict();
export const statementLineSchema = z.object({
  bookingId: z.string(),
  instrumentName: z.string(),
  platformName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  /** Exact decimal strings: hours to two places, money in 元 to the fen. */
  hours: z.string(),
  pricePerHour: z.string(),
  amount: z.string(),
});
export const statementSchema = z.object({
  month: z.string(),
  items: z.array(z.object({ enterpriseId: z.string(), enterpriseName: z.string(), uscc: z.string(), hours: z.string(), amount: z.string(), lines: z.array(statementLineSchema) })),
  totalHours: z.string(),
  totalAmount: z.string(),
});

// ---- catalogue and trainings ----------------------------------------------------------------------------
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const money = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/);
export const instrumentInputSchema = z
  .object({
    platformId: uuidSchema,
    code: singleLineTextSchema(40).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)),
    name: singleLineTextSchema(120).pipe(z.string().min(1)),
    kind: singleLineTextSchema(60).pipe(z.string().min(1)),
    location: singleLineTextSchema(200).optional(),
    rules: plainTextSchema.pipe(z.string().max(2000)).optional(),
    requiresTraining: z.boolean(),
    prices: z.object({ inDistrict: money, outside: money, academic: money }).strict(),
    opensAt: hhmm,
    closesAt: hhmm,
  })
  .strict()
  .refine((v) => v.opensAt < v.closesAt, { path: ['closesAt'], message: 'closesAt must be after opensAt' });
export const instrumentUpdateSchema = z.object({ instrument: instrumentInputSchema, version: z.number().int() }).strict();
/** The catalogue's view of an instrument: the bookable view without the caller's own training, plus who is trained. */
export const instrumentAdminViewSchema = instrumentViewSchema.omit({ myTrainingExpiresOn: true }).extend({
  trained: z.number().int(),
  version: z.number().int(),
});
export const instrumentAdminListSchema = z.object({ items: z.array(instrumentAdminViewSchema) });
export const trainingInputSchema = z
  .object({ username: singleLineTextSchema(64).pipe(z.string().min(1)), trainedOn: z.string().date(), expiresOn: z.string().date() })
  .strict()
  .refine((v) => v.trainedOn <= v.expiresOn, { path: ['expiresOn'], message: 'expiresOn must not be before trainedOn' });
export const trainingViewSchema = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), enterpriseName: z.string().nullable(), trainedOn: z.string(), expiresOn: z.string(), valid: z.boolean() });
export const trainingListSchema = z.object({ items: z.array(trainingViewSchema) });
export const trainingParamSchema = z.object({ id: uuidSchema, userId: uuidSchema }).strict();

// ---- platform gaps --------------------------------------------------------------------------------------
export const instrumentDemandInputSchema = z
  .object({
    kind: singleLineTextSchema(60).pipe(z.string().min(1)),
    description: plainTextSchema.pipe(z.string().min(1).max(2000)),
    hoursPerMonth: z.number().int().min(1).max(744).optional(),
  })
  .strict();
export const instrumentDemandViewSchema = z.object({ id: z.string(), enterpriseName: z.string(), kind: z.string(), description: z.string(), hoursPerMonth: z.number().int().nullable(), status: z.string(), createdAt: z.string() });
export const instrumentDemandListSchema = z.object({ items: z.array(instrumentDemandViewSchema) });
export const platformGapItemSchema = z.object({
  /** capacity: an offered instrument whose demand was refused or wait-listed; missing: a type the district lacks. */
  gapKind: z.enum(['capacity', 'missing']),
  label: z.string(),
  platformName: z.string().nullable(),
  refused: z.number().int(),
  waitlisted: z.number().int(),
  requested: z.number().int(),
  hoursPerMonth: z.number().int(),
  enterprises: z.number().int(),
  nodes: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
});
export const platformGapListSchema = z.object({ since: z.string(), items: z.array(platformGapItemSchema) });

// ---- recurring request themes (§5) ---------------------------------------------------------------------
export const requestThemesSchema = z.object({
  since: z.string(),
  items: z.array(
    z.object({
      nodeId: z.string(),
      nodeNameZh: z.string(),
      nodeNameEn: z.string(),
      chainNameZh: z.string(),
      chainNameEn: z.string(),
      category: z.string(),
      categoryNameZh: z.string(),
      categoryNameEn: z.string(),
      requests: z.number().int(),
      enterprises: z.number().int(),
      open: z.number().int(),
      unsatisfied: z.number().int(),
      lastAt: z.string(),
      /** A proposal for the chain's owner: revise the chain's task or the policy that serves it. */
      proposalZh: z.string(),
      proposalEn: z.string(),
    }),
  ),
});
