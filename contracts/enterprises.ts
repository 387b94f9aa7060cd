import { z } from 'zod';
import { checkUscc, normalizeUscc } from '../server/src/domain/uscc/uscc.ts';
import { pageOf, paginationQuerySchema, searchTextSchema, codeFilterSchema } from './common.ts';
import {
  booleanQuery,
  csvListQuery,
  emailSchema,
  isoDateSchema,
  msg,
  optionalDate,
  optionalText,
  phoneSchema,
  referenceCodeSchema,
  sortOrderSchema,
  versionSchema,
} from './registry-common.ts';

export const codeNameSchema = z.object({ code: z.string(), name: z.string() });

export const ENTERPRISE_STAGES = ['incubating', 'accelerating', 'industrialized'] as const;
export const enterpriseStageSchema = z.enum(ENTERPRISE_STAGES);
export const ENTERPRISE_TAGS = ['leader', 'chain-leader', 'specialized', 'high-tech'] as const;
export const enterpriseTagSchema = z.enum(ENTERPRISE_TAGS);
export const ENTERPRISE_STATUSES = ['active', 'closed', 'moved-away'] as const;
export const enterpriseStatusSchema = z.enum(ENTERPRISE_STATUSES);

export const enterpriseListItemSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  domain: codeNameSchema.nullable(),
  zone: codeNameSchema.nullable(),
  stage: enterpriseStageSchema,
  isAboveScale: z.boolean(),
  tags: z.array(z.string()),
  isDemo: z.boolean(),
  // Added with the registries (optional so that older clients and callers keep parsing).
  subfield: z.string().nullable().optional(),
  carrier: codeNameSchema.nullable().optional(),
  status: enterpriseStatusSchema.optional(),
  foundedOn: z.string().nullable().optional(),
  updatedAt: z.string().optional(),
});
export type EnterpriseListItem = z.infer<typeof enterpriseListItemSchema>;

export const ENTERPRISE_SORTS = ['name', 'uscc', 'foundedOn', 'updatedAt', 'stage'] as const;

export const enterpriseFilterSchema = z.object({
  q: searchTextSchema.optional(),
  domain: codeFilterSchema.optional(),
  zone: codeFilterSchema.optional(),
  stage: enterpriseStageSchema.optional(),
  status: enterpriseStatusSchema.optional(),
  tag: enterpriseTagSchema.optional(),
  aboveScale: booleanQuery,
  carrier: codeFilterSchema.optional(),
  node: codeFilterSchema.optional(),
  sort: z.enum(ENTERPRISE_SORTS).optional(),
  order: sortOrderSchema,
});
export type EnterpriseFilter = z.infer<typeof enterpriseFilterSchema>;
export const enterpriseListQuerySchema = paginationQuerySchema.extend(enterpriseFilterSchema.shape);
export const enterprisePageSchema = pageOf(enterpriseListItemSchema);

/** 统一社会信用代码: normalised (trim, upper case, half width) and checked with the GB 32100-2015 check digit. */
export const usccSchema = z
  .string()
  .transform((v) => normalizeUscc(v))
  .superRefine((value, ctx) => {
    const check = checkUscc(value);
    if (!check.ok) {
      const en =
        check.reason === 'check'
          ? `Wrong check character: the 18th character should be "${check.expected}"`
          : check.reason === 'length'
            ? 'A unified social credit code has 18 characters'
            : `Character ${check.position} is not allowed in a unified social credit code`;
      ctx.addIssue({ code: 'custom', message: msg(check.message, en), params: { expected: check.expected } });
    }
  });

export const contactSchema = z.object({
  name: z
    .string({ error: msg('请填写联系人姓名', 'Enter the contact’s name') })
    .trim()
    .min(1, msg('请填写联系人姓名', 'Enter the contact’s name'))
    .max(32),
  title: optionalText(32),
  phone: z.preprocess((v) => (v === '' ? null : v), phoneSchema.nullable().optional()),
  email: z.preprocess((v) => (v === '' ? null : v), emailSchema.nullable().optional()),
});
export type Contact = z.infer<typeof contactSchema>;

const enterpriseFields = {
  uscc: usccSchema,
  name: z.string().trim().min(2, msg('企业名称至少2个字', 'The name needs at least 2 characters')).max(100),
  domain: referenceCodeSchema.nullable().optional(),
  subfield: optionalText(64),
  zone: referenceCodeSchema.nullable().optional(),
  carrier: referenceCodeSchema.nullable().optional(),
  stage: enterpriseStageSchema.default('incubating'),
  isAboveScale: z.boolean().default(false),
  isManufacturing: z.boolean().default(true),
  tags: z.array(enterpriseTagSchema).max(8).default([]),
  foundedOn: optionalDate,
  status: enterpriseStatusSchema.default('active'),
  exitedOn: optionalDate,
  contacts: z.array(contactSchema).max(10).default([]),
  address: optionalText(200),
  note: optionalText(1000),
  /** Chain node codes; the first is the enterprise's main node. */
  chainNodes: z.array(referenceCodeSchema).max(10).default([]),
};

function checkDates(value: { foundedOn?: string | null; exitedOn?: string | null; status?: string }, ctx: z.RefinementCtx) {
  if (value.status === 'active' && value.exitedOn) {
    ctx.addIssue({ code: 'custom', path: ['exitedOn'], message: msg('在营企业不应填写迁出/注销日期', 'An active enterprise has no exit date') });
  }
  if (value.foundedOn && value.exitedOn && value.exitedOn < value.foundedOn) {
    ctx.addIssue({ code: 'custom', path: ['exitedOn'], message: msg('迁出/注销日期早于成立日期', 'The exit date is before the founding date') });
  }
}

export const enterpriseInputSchema = z.object(enterpriseFields).superRefine(checkDates);
export type EnterpriseInput = z.infer<typeof enterpriseInputSchema>;

export const enterpriseUpdateSchema = z.object({ ...enterpriseFields, version: versionSchema }).superRefine(checkDates);
export type EnterpriseUpdate = z.infer<typeof enterpriseUpdateSchema>;

export const chainNodeRefSchema = z.object({ code: z.string(), name: z.string(), stage: z.string(), isPrimary: z.boolean().optional() });

export const enterpriseDetailSchema = enterpriseListItemSchema.extend({
  subfield: z.string().nullable(),
  carrier: codeNameSchema.nullable(),
  isManufacturing: z.boolean(),
  status: enterpriseStatusSchema,
  foundedOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), title: z.string().nullable().optional(), phone: z.string().nullable().optional(), email: z.string().nullable().optional() })),
  address: z.string().nullable(),
  note: z.string().nullable(),
  chainNodes: z.array(chainNodeRefSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

/** The clear contacts of one record, answered by the audited reveal route (the profile shows them masked). */
export const revealedContactsSchema = z.object({
  contacts: z.array(z.object({ name: z.string(), title: z.string().nullable().optional(), phone: z.string().nullable().optional(), email: z.string().nullable().optional() })),
});
export type RevealedContacts = z.infer<typeof revealedContactsSchema>;

export const similarQuerySchema = z.object({
  name: z.string().trim().min(2).max(100),
  excludeId: z.string().uuid().optional(),
});
export const similarEnterprisesSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), uscc: z.string(), score: z.number() })),
});

export const mergeBodySchema = z.object({
  /** The duplicate record that is merged into the one in the URL and then removed (soft). */
  sourceId: z.string().uuid(),
  version: versionSchema,
});
export const mergeResultSchema = z.object({
  target: enterpriseDetailSchema,
  movedReferences: z.record(z.string(), z.number().int()),
  /** Accounts still scoped to the merged record: the security administrator re-scopes them. */
  accountsToRescope: z.number().int(),
});

export { isoDateSchema };
