import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema, codeFilterSchema } from './common.ts';
import { codeNameSchema, usccSchema } from './enterprises.ts';
import { msg, optionalText, phoneSchema, referenceCodeSchema, sortOrderSchema, versionSchema } from './registry-common.ts';

export const PLATFORM_KINDS = ['rd', 'testing', 'cro', 'cmo', 'cdmo'] as const;
export const platformKindSchema = z.enum(PLATFORM_KINDS);

const platformFields = {
  code: z.preprocess((v) => (v === '' ? null : v), referenceCodeSchema.nullable().optional()),
  name: z.string().trim().min(2, msg('平台名称至少2个字', 'The name needs at least 2 characters')).max(100),
  kind: platformKindSchema,
  zone: referenceCodeSchema.nullable().optional(),
  carrier: referenceCodeSchema.nullable().optional(),
  /** The enterprise that runs the platform (CRO/CDMO firms), by its credit code. */
  operatorUscc: z.preprocess((v) => (v === '' ? null : v), usccSchema.nullable().optional()),
  namedInPolicy: z.boolean().default(false),
  services: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  contactName: optionalText(32),
  contactPhone: z.preprocess((v) => (v === '' ? null : v), phoneSchema.nullable().optional()),
  note: optionalText(1000),
};
export const platformInputSchema = z.object(platformFields);
export type PlatformInput = z.infer<typeof platformInputSchema>;
export const platformUpdateSchema = z.object({ ...platformFields, version: versionSchema });

export const platformViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: platformKindSchema,
  zone: codeNameSchema.nullable(),
  carrier: codeNameSchema.nullable(),
  operator: z.object({ name: z.string(), uscc: z.string() }).nullable(),
  namedInPolicy: z.boolean(),
  services: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type PlatformView = z.infer<typeof platformViewSchema>;

export const platformFilterSchema = z.object({
  q: searchTextSchema.optional(),
  kind: platformKindSchema.optional(),
  zone: codeFilterSchema.optional(),
  sort: z.enum(['name', 'code', 'updatedAt']).optional(),
  order: sortOrderSchema,
});
export const platformListQuerySchema = paginationQuerySchema.extend(platformFilterSchema.shape);
export const platformPageSchema = pageOf(platformViewSchema);
