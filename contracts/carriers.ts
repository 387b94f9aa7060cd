import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema, codeFilterSchema } from './common.ts';
import { codeNameSchema, usccSchema } from './enterprises.ts';
import { areaSchema, isoDateSchema, msg, optionalDate, optionalText, referenceCodeSchema, sortOrderSchema, versionSchema } from './registry-common.ts';

export const CARRIER_TYPES = ['incubator', 'accelerator', 'industrial-park', 'public-platform'] as const;
export const carrierTypeSchema = z.enum(CARRIER_TYPES);

const carrierFields = {
  /** Kebab-case code (e.g. bay-biomed-port); generated from nothing when left blank. */
  code: z.preprocess((v) => (v === '' ? null : v), referenceCodeSchema.nullable().optional()),
  name: z.string().trim().min(2, msg('载体名称至少2个字', 'The name needs at least 2 characters')).max(100),
  type: carrierTypeSchema,
  zone: referenceCodeSchema.nullable().optional(),
  totalArea: areaSchema.nullable().optional(),
  leasableArea: areaSchema.nullable().optional(),
  address: optionalText(200),
  operatorName: optionalText(100),
  openedOn: optionalDate,
  note: optionalText(1000),
};

function checkAreas(v: { totalArea?: number | null; leasableArea?: number | null }, ctx: z.RefinementCtx) {
  if (v.totalArea != null && v.leasableArea != null && v.leasableArea > v.totalArea) {
    ctx.addIssue({ code: 'custom', path: ['leasableArea'], message: msg('可租面积不能大于总面积', 'The leasable area cannot exceed the total area') });
  }
}

export const carrierInputSchema = z.object(carrierFields).superRefine(checkAreas);
export type CarrierInput = z.infer<typeof carrierInputSchema>;
export const carrierUpdateSchema = z.object({ ...carrierFields, version: versionSchema }).superRefine(checkAreas);

export const occupantInputSchema = z
  .object({
    enterpriseUscc: usccSchema,
    moveInOn: isoDateSchema,
    moveOutOn: optionalDate,
    leasedArea: areaSchema,
  })
  .superRefine((v, ctx) => {
    if (v.moveOutOn && v.moveOutOn < v.moveInOn) ctx.addIssue({ code: 'custom', path: ['moveOutOn'], message: msg('迁出日期早于入驻日期', 'The move-out date is before the move-in date') });
  });
export type OccupantInput = z.infer<typeof occupantInputSchema>;
export const occupantUpdateSchema = z.object({ moveOutOn: optionalDate, leasedArea: areaSchema.optional() });

export const carrierListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: carrierTypeSchema,
  zone: codeNameSchema.nullable(),
  totalArea: z.number().nullable(),
  leasableArea: z.number().nullable(),
  /** Σ leased area of occupants present today. */
  leasedArea: z.number(),
  /** leasedArea / leasableArea (or total area), 0…1; null without an area. */
  occupancyRate: z.number().nullable(),
  occupantCount: z.number().int(),
  updatedAt: z.string(),
});
export type CarrierListItem = z.infer<typeof carrierListItemSchema>;

export const CARRIER_SORTS = ['name', 'code', 'occupancyRate', 'updatedAt'] as const;
export const carrierFilterSchema = z.object({
  q: searchTextSchema.optional(),
  zone: codeFilterSchema.optional(),
  type: carrierTypeSchema.optional(),
  sort: z.enum(CARRIER_SORTS).optional(),
  order: sortOrderSchema,
});
export const carrierListQuerySchema = paginationQuerySchema.extend(carrierFilterSchema.shape);
export const carrierPageSchema = pageOf(carrierListItemSchema);

export const occupantViewSchema = z.object({
  id: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string() }),
  moveInOn: z.string(),
  moveOutOn: z.string().nullable(),
  leasedArea: z.number(),
  isCurrent: z.boolean(),
});
export const carrierDetailSchema = carrierListItemSchema.extend({
  address: z.string().nullable(),
  operatorName: z.string().nullable(),
  openedOn: z.string().nullable(),
  note: z.string().nullable(),
  occupants: z.array(occupantViewSchema),
  version: z.number().int(),
});
export type CarrierDetail = z.infer<typeof carrierDetailSchema>;
