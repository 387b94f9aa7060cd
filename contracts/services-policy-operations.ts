import { z } from 'zod';
import { plainTextSchema } from './common.ts';

/** 快申快享 applications, disbursement, the funds dashboard and the policy-effect view (issue 14 §4). */
const money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);

export const APPLICATION_STATUSES = ['submitted', 'reviewed', 'approved', 'rejected', 'disbursed'] as const;
export const applicationSubmitSchema = z
  .object({ statement: plainTextSchema.pipe(z.string().min(1).max(4000)), amountRequested: money.optional() })
  .strict();
export const applicationReviewSchema = z.object({ note: plainTextSchema.pipe(z.string().max(2000)).optional(), version: z.number().int() }).strict();
export const applicationDecideSchema = z
  .object({ approve: z.boolean(), amountApproved: money.optional(), note: plainTextSchema.pipe(z.string().max(2000)).optional(), version: z.number().int() })
  .strict()
  .refine((v) => !v.approve || v.amountApproved !== undefined, { path: ['amountApproved'], message: 'an approval states the amount' });
export const applicationViewSchema = z.object({
  id: z.string(),
  policyCode: z.string(),
  policyTitle: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  statement: z.string(),
  amountRequested: z.string().nullable(),
  amountApproved: z.string().nullable(),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: z.string(),
  reviewNote: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The award an approval created, and its disbursement. */
  awardId: z.string().nullable(),
  disbursedAmount: z.string().nullable(),
  disbursedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;
export const applicationListSchema = z.object({ items: z.array(applicationViewSchema) });
export const disburseSchema = z.object({ amount: money }).strict();

/** `label` Chinese, `labelEn` English (a domain's or zone's reference name; a policy's title in both). */
const fundsRow = z.object({ key: z.string(), label: z.string(), labelEn: z.string(), awards: z.number().int(), awarded: z.string(), disbursed: z.string() });
export const fundsSchema = z.object({
  /** Amounts in 万元, exact decimal strings. */
  byPolicy: z.array(fundsRow.extend({ mode: z.enum(['auto', 'apply']) })),
  byDomain: z.array(fundsRow),
  byZone: z.array(fundsRow),
  total: fundsRow,
  awards: z.array(
    z.object({ id: z.string(), policyCode: z.string(), enterpriseName: z.string(), amount: z.string().nullable(), confirmedAt: z.string(), disbursedAmount: z.string().nullable(), disbursedAt: z.string().nullable() }),
  ),
});
export const awardIdParamSchema = z.object({ id: z.string().uuid() }).strict();

const indicatorEffect = z.object({
  measured: z.number().int(),
  matched: z.number().int(),
  comparisons: z.number().int(),
  recipientGrowth: z.number().nullable(),
  comparisonGrowth: z.number().nullable(),
  difference: z.number().nullable(),
});
export const policyEffectSchema = z.object({
  policy: z.string(),
  title: z.string(),
  recipients: z.number().int(),
  laterYear: z.number().int(),
  output: indicatorEffect,
  rd: indicatorEffect,
});
