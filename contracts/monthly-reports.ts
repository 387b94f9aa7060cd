import { z } from 'zod';
import { pageOf, paginationQuerySchema } from './common.ts';
import { indicatorCodeSchema, periodSchema } from './indicators.ts';

/** Enterprise monthly reports (月报, SPEC §4): values in 万元 (money), tce (energy), persons (employees). */

export const REPORT_STATUSES = ['draft', 'submitted', 'park-reviewed', 'approved', 'returned'] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** Largest magnitude accepted (万元): far above any enterprise, far below where exact sums would fail. */
const amount = z.number().finite().gt(-9e11).lt(9e11);

export const reportValuesSchema = z
  .object({
    output: amount.nullable().optional(),
    sales: amount.nullable().optional(),
    export: amount.nullable().optional(),
    revenue: amount.nullable().optional(),
    profit: amount.nullable().optional(),
    tax: amount.nullable().optional(),
    rd: amount.nullable().optional(),
    energy: amount.nullable().optional(),
    employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  })
  .strict();
export type ReportValues = z.infer<typeof reportValuesSchema>;

const explanation = z.string().trim().max(2000).nullable().optional();

export const createReportSchema = z.object({
  period: periodSchema,
  values: reportValuesSchema,
  explanation,
});

export const updateReportSchema = z.object({
  version: z.number().int().min(1),
  values: reportValuesSchema,
  explanation,
});

export const transitionSchema = z.object({ version: z.number().int().min(1) });

export const reviewSchema = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['pass', 'return']),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => v.decision !== 'return' || (v.reason ?? '').length > 0, { message: '退回须填写原因 / a return needs a reason', path: ['reason'] });

export const approvalSchema = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['approve', 'return']),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => v.decision !== 'return' || (v.reason ?? '').length > 0, { message: '退回须填写原因 / a return needs a reason', path: ['reason'] });

export const reportIssueSchema = z.object({
  indicator: indicatorCodeSchema.nullable(),
  code: z.string(),
  severity: z.enum(['error', 'needs-explanation', 'warning']),
  messageZh: z.string(),
  messageEn: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type ReportIssueView = z.infer<typeof reportIssueSchema>;

export const reportSchema = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  uscc: z.string(),
  period: periodSchema,
  status: reportStatusSchema,
  source: z.enum(['enterprise', 'import']),
  values: z.record(indicatorCodeSchema, z.number().nullable()),
  explanation: z.string().nullable(),
  returnReason: z.string().nullable(),
  deadline: z.string(),
  isLate: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ReportView = z.infer<typeof reportSchema>;

export const reportDetailSchema = reportSchema.extend({
  /** Validation of the stored values against the enterprise's history (SPEC §4). */
  issues: z.array(reportIssueSchema),
  canSubmit: z.boolean(),
  needsExplanation: z.boolean(),
});
export type ReportDetailView = z.infer<typeof reportDetailSchema>;

export const reportPageSchema = pageOf(reportSchema);

export const reportListQuerySchema = paginationQuerySchema.extend({
  period: periodSchema.optional(),
  status: reportStatusSchema.optional(),
  enterpriseId: z.string().uuid().optional(),
  /** A zone's code. */
  zone: z.string().max(64).optional(),
});

export const revisionSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  status: reportStatusSchema,
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  explanation: z.string().nullable(),
  returnReason: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});
export const revisionListSchema = z.object({ items: z.array(revisionSchema) });

export const reportExportQuerySchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  from: periodSchema.optional(),
  to: periodSchema.optional(),
});

// Import of the bureau's monthly files (flat template or B204-1): options and the answer.
export const monthlyImportQuerySchema = z.object({
  mode: z.enum(['valid-only', 'all-or-nothing']).default('valid-only'),
  /** Where the file differs from stored figures: keep the stored ones (listed as conflicts) or replace them. */
  onConflict: z.enum(['keep', 'replace']).default('keep'),
  /** The uploaded file's name, for the batch record and the error report (also accepted as an `x-file-name` header). */
  fileName: z.string().max(200).optional(),
});
export type MonthlyImportQuery = z.infer<typeof monthlyImportQuerySchema>;

export const monthlyImportResultSchema = z.object({
  layout: z.enum(['b204-1', 'flat']),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Enterprise-months with conflicts that were not written because the stored figures were kept. */
  skipped: z.number().int(),
  rejected: z.array(z.object({ sheet: z.string(), row: z.number().int(), column: z.string().nullable(), value: z.string().nullable(), message: z.string() })),
  conflicts: z.array(
    z.object({
      uscc: z.string(),
      enterpriseName: z.string(),
      period: z.string(),
      indicator: indicatorCodeSchema,
      stored: z.number().nullable(),
      incoming: z.number(),
      storedStatus: z.string(),
    }),
  ),
  warnings: z.array(z.object({ sheet: z.string(), row: z.number().int(), message: z.string() })),
  /** B204-1 rows that carry no indicator (section headings, breakdowns by industry class, products): skipped and listed. */
  ignored: z.array(z.object({ sheet: z.string(), row: z.number().int(), label: z.string(), message: z.string() })),
  committed: z.boolean(),
  sha256: z.string(),
  batchId: z.string().nullable(),
  /** Id of the uploaded workbook with its errors marked (GET /api/monthly-reports/import-reports/:id) when any were found. */
  reportId: z.string().nullable(),
});
export type MonthlyImportResultView = z.infer<typeof monthlyImportResultSchema>;

/**
 * The import's phases as it streams them (application/x-ndjson): `queued` while other imports run (`position`
 * is its place, 1 = next), then the work; `validate` and `write` count enterprise-months.
 */
export const monthlyImportPhaseSchema = z.enum(['queued', 'check', 'parse', 'validate', 'write', 'rollups', 'done']);
export type MonthlyImportPhase = z.infer<typeof monthlyImportPhaseSchema>;

/** One line of the streamed import response: progress lines, then the result or an error. */
export const monthlyImportStreamLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), phase: monthlyImportPhaseSchema, done: z.number(), total: z.number(), position: z.number().int().positive().optional() }),
  z.object({ type: z.literal('result'), result: monthlyImportResultSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }) }),
]);
export type MonthlyImportStreamLine = z.infer<typeof monthlyImportStreamLineSchema>;
