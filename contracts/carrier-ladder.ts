import { z } from 'zod';
import { codeFilterSchema } from './common.ts';
import { carrierTypeSchema } from './carriers.ts';
import { usccSchema } from './enterprises.ts';
import { periodSchema } from './indicators.ts';
import { areaSchema, isoDateSchema, msg, optionalDate, optionalText } from './registry-common.ts';

/**
 * The carrier ladder 孵化器 → 加速器 → 产业园 (issue 13 §4, docs/decisions/0026-carrier-ladder.md): move events
 * of enterprises between carriers, and per carrier the graduation rate, the median stay and the vacancy over
 * time.
 */

/** Where a tenant went, as recorded when it moved out. */
export const EXIT_KINDS = ['moved-carrier', 'in-district', 'left-district', 'closed'] as const;
export const exitKindSchema = z.enum(EXIT_KINDS);
export type ExitKindValue = z.infer<typeof exitKindSchema>;
/** What an ended tenancy led to (derived; see the decision record). */
export const EXIT_OUTCOME_VALUES = ['up', 'own-premises', 'lateral', 'down', 'left-district', 'closed', 'unknown'] as const;
export const exitOutcomeSchema = z.enum(EXIT_OUTCOME_VALUES);
export const FLOW_NODES = ['entered', 'incubator', 'public-platform', 'accelerator', 'industrial-park', 'own-premises', 'left-district', 'closed'] as const;
export const flowNodeSchema = z.enum(FLOW_NODES);

export const MOVE_KINDS = ['move-in', 'transfer', 'move-out'] as const;
export const moveKindSchema = z.enum(MOVE_KINDS);

/**
 * Recording a move: into a carrier (from outside the ladder), from one carrier to another (closes the first
 * tenancy and opens the second on the same day), or out of a carrier (with where the firm went).
 */
export const moveInputSchema = z
  .object({
    kind: moveKindSchema,
    enterpriseUscc: usccSchema,
    fromCarrierId: z.string().uuid().nullable().optional(),
    toCarrierId: z.string().uuid().nullable().optional(),
    movedOn: isoDateSchema,
    leasedArea: areaSchema.nullable().optional(),
    leaseEndOn: optionalDate,
    exitKind: exitKindSchema.nullable().optional(),
    /** A new tenancy may overlap another of the same enterprise only when this is set with a reason. */
    allowOverlap: z.boolean().optional(),
    overlapReason: optionalText(200),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    const need = (field: 'fromCarrierId' | 'toCarrierId' | 'leasedArea' | 'exitKind', zh: string, en: string) => {
      if (v[field] === null || v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: msg(zh, en) });
    };
    if (v.kind !== 'move-in') need('fromCarrierId', '请选择迁出的载体', 'Choose the carrier moved out of');
    if (v.kind !== 'move-out') {
      need('toCarrierId', '请选择迁入的载体', 'Choose the carrier moved into');
      need('leasedArea', '请填写租用面积', 'Enter the leased area');
    }
    if (v.kind === 'move-out') need('exitKind', '请选择去向', 'Choose where the enterprise went');
    if (v.kind === 'transfer' && v.fromCarrierId && v.fromCarrierId === v.toCarrierId) {
      ctx.addIssue({ code: 'custom', path: ['toCarrierId'], message: msg('迁入载体与迁出载体相同', 'The carrier moved into is the one moved out of') });
    }
    if (v.leaseEndOn && v.leaseEndOn <= v.movedOn) ctx.addIssue({ code: 'custom', path: ['leaseEndOn'], message: msg('租约到期日须晚于迁入日期', 'The lease must end after the move-in date') });
    if (v.allowOverlap && !v.overlapReason) ctx.addIssue({ code: 'custom', path: ['overlapReason'], message: msg('允许重叠租用须说明理由', 'Give the reason for the overlapping tenancy') });
  });
export type MoveInput = z.infer<typeof moveInputSchema>;

/** Renewing or correcting a lease of a present tenancy. */
export const leaseUpdateSchema = z.object({ leaseEndOn: isoDateSchema.nullable(), leasedArea: areaSchema.optional() });

const carrierRefSchema = z.object({
  /** null when the carrier lies outside the reader's scope (only its kind is shown). */
  id: z.string().nullable(),
  name: z.string().nullable(),
  type: carrierTypeSchema,
});

/** One move event, derived from the enterprise's tenancies. */
export const moveEventSchema = z.object({
  /** `<tenancy id>:in` or `<tenancy id>:out`. */
  id: z.string(),
  tenancyId: z.string(),
  kind: moveKindSchema,
  movedOn: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string() }),
  from: carrierRefSchema.nullable(),
  to: carrierRefSchema.nullable(),
  /** The tenancy begun (move-in, transfer) or ended (move-out). */
  leasedArea: z.number(),
  leaseEndOn: z.string().nullable(),
  exitKind: exitKindSchema.nullable(),
  /** For a move-out: what it led to. */
  outcome: exitOutcomeSchema.nullable(),
  overlapReason: z.string().nullable(),
  /** The tenancy begun by this event is still running. */
  isCurrent: z.boolean(),
});
export type MoveEvent = z.infer<typeof moveEventSchema>;

export const moveListQuerySchema = z.object({
  carrier: z.string().uuid().optional(),
  enterprise: z.string().uuid().optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const moveListSchema = z.object({ items: z.array(moveEventSchema) });

export const ladderQuerySchema = z
  .object({
    zone: codeFilterSchema.optional(),
    /** First month, inclusive (default: 35 months before the last). */
    from: periodSchema.optional(),
    /** Last month, inclusive (default: the running month). */
    to: periodSchema.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: msg('结束月份早于开始月份', 'The last month is before the first') });

export const carrierLadderFiguresSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: carrierTypeSchema,
  zone: z.object({ code: z.string(), name: z.string() }).nullable(),
  leasableArea: z.number().nullable(),
  /** At the period's last day. */
  leasedArea: z.number(),
  vacancyRate: z.number().nullable(),
  tenants: z.number().int(),
  entries: z.number().int(),
  exits: z.number().int(),
  outcomes: z.record(exitOutcomeSchema, z.number().int()),
  graduationRate: z.number().nullable(),
  leftDistrictRate: z.number().nullable(),
  medianStayMonths: z.number().nullable(),
  /** Present tenancies whose lease ends within the warning's months (default 3). */
  leasesExpiring: z.number().int(),
});
export type CarrierLadderFigures = z.infer<typeof carrierLadderFiguresSchema>;

export const ladderSchema = z.object({
  from: z.string(),
  to: z.string(),
  carriers: z.array(carrierLadderFiguresSchema),
  flows: z.object({
    links: z.array(z.object({ source: flowNodeSchema, target: flowNodeSchema, value: z.number().int() })),
    omitted: z.object({ lateral: z.number().int(), down: z.number().int(), unknown: z.number().int() }),
  }),
});
export type Ladder = z.infer<typeof ladderSchema>;

export const vacancyPointSchema = z.object({
  month: z.string(),
  day: z.string(),
  leasableArea: z.number().nullable(),
  leasedArea: z.number(),
  vacancyRate: z.number().nullable(),
  tenants: z.number().int(),
});
export const vacancySeriesSchema = z.object({ carrierId: z.string(), points: z.array(vacancyPointSchema) });
export type VacancySeries = z.infer<typeof vacancySeriesSchema>;
