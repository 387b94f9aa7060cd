import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema, codeFilterSchema } from './common.ts';
import { usccSchema } from './enterprises.ts';
import { emailSchema, msg, optionalDate, optionalText, phoneSchema, referenceCodeSchema, sortOrderSchema, versionSchema } from './registry-common.ts';

export const conflictInputSchema = z.object({
  enterpriseUscc: usccSchema,
  relation: z.string().trim().min(2, msg('请说明利害关系', 'Describe the relationship')).max(100),
  declaredOn: optionalDate,
});

const expertFields = {
  code: z.preprocess((v) => (v === '' ? null : v), z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, msg('编号只能包含字母、数字和连字符', 'Codes use letters, digits and hyphens')).nullable().optional()),
  name: z.string().trim().min(2, msg('姓名至少2个字', 'The name needs at least 2 characters')).max(32),
  title: optionalText(40),
  affiliation: optionalText(100),
  domains: z.array(referenceCodeSchema).max(4).default([]),
  /** Research fields (研究方向), free text. */
  fields: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  isCommitteeMember: z.boolean().default(false),
  phone: z.preprocess((v) => (v === '' ? null : v), phoneSchema.nullable().optional()),
  email: z.preprocess((v) => (v === '' ? null : v), emailSchema.nullable().optional()),
  note: optionalText(1000),
  /** Declared conflicts of interest (回避): the expert does not review these enterprises. */
  conflicts: z.array(conflictInputSchema).max(50).default([]),
};
export const expertInputSchema = z.object(expertFields);
export type ExpertInput = z.infer<typeof expertInputSchema>;
export const expertUpdateSchema = z.object({ ...expertFields, version: versionSchema });

export const expertViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  affiliation: z.string().nullable(),
  domains: z.array(z.object({ code: z.string(), name: z.string() })),
  fields: z.array(z.string()),
  isCommitteeMember: z.boolean(),
  /** Contact details: the commission only (null for everyone else). */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
  /** Declared conflicts: the commission and district leaders only (null for everyone else). */
  conflicts: z.array(z.object({ enterprise: z.object({ name: z.string(), uscc: z.string() }), relation: z.string(), declaredOn: z.string().nullable() })).nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ExpertView = z.infer<typeof expertViewSchema>;

export const expertFilterSchema = z.object({
  q: searchTextSchema.optional(),
  domain: codeFilterSchema.optional(),
  committee: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['name', 'code', 'updatedAt']).optional(),
  order: sortOrderSchema,
});
export const expertListQuerySchema = paginationQuerySchema.extend(expertFilterSchema.shape);
export const expertPageSchema = pageOf(expertViewSchema);

/** An expert's phone and e-mail in the clear, answered by the audited reveal route (shown masked elsewhere). */
export const revealedExpertContactsSchema = z.object({ phone: z.string().nullable(), email: z.string().nullable() });
