import { z } from 'zod';

/** Excel import/export of the registries (SPEC §11 `template|import|export ENTITY`). */
export const importModeSchema = z.enum(['valid-only', 'all-or-nothing']);
export const duplicatePolicySchema = z.enum(['update', 'skip']);

export const importQuerySchema = z.object({
  mode: importModeSchema.default('valid-only'),
  /** What to do with rows whose key is registered already: update the record, or leave it and skip the row. */
  duplicates: duplicatePolicySchema.default('skip'),
  /** The uploaded file's name, for the error report's name (also accepted as an `x-file-name` header). */
  fileName: z.string().max(200).optional(),
});

export const rejectedCellSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

/** A row that was imported but deserves a look (a name close to a stored record's in the caller's scope). */
export const importWarningSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  similar: z.object({ name: z.string(), key: z.string(), score: z.number() }),
});

export const importResultSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(rejectedCellSchema),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rejectedRows: z.number().int(),
  totalRows: z.number().int(),
  committed: z.boolean(),
  mode: importModeSchema,
  duplicates: duplicatePolicySchema,
  sha256: z.string(),
  ignoredColumns: z.array(z.string()),
  /** Near-duplicate names and the like: the rows were imported; nothing was refused for them. */
  warnings: z.array(importWarningSchema),
  /** Id of the marked workbook (GET …/import-reports/:id) when rows were rejected. */
  reportId: z.string().nullable(),
});
export type ImportResultView = z.infer<typeof importResultSchema>;

/** One line of the streamed (application/x-ndjson) import response; `queued` lines carry the place (1 = next). */
export const importStreamLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    phase: z.enum(['queued', 'check', 'parse', 'validate', 'write', 'done']),
    done: z.number(),
    total: z.number(),
    position: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('result'), result: importResultSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }) }),
]);

export const exportFormatQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const reportParamSchema = z.object({ id: z.string().uuid() });
