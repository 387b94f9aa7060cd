import { bigserial, boolean, char, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0004_statistics.sql (the SQL is the source of truth). The rollup tables
// (stat_enterprise_ytd, stat_enterprise_groups, stat_group_cells, and stat_enterprise_moves of migration 0034)
// are written by set-based SQL in server/src/modules/statistics/rollup.repository.ts and are not mapped here.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const amount = (name: string) => numeric(name, { precision: 18, scale: 4 });

export const statIndicators = pgTable('stat_indicators', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit').notNull(),
  kind: text('kind').notNull(),
  isMoney: boolean('is_money').notNull(),
  allowsNegative: boolean('allows_negative').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const statImportBatches = pgTable('stat_import_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  fileSha256: char('file_sha256', { length: 64 }).notNull(),
  layout: text('layout').notNull(),
  mode: text('mode').notNull(),
  status: text('status').notNull(),
  rowsTotal: integer('rows_total').notNull().default(0),
  rowsImported: integer('rows_imported').notNull().default(0),
  rowsUpdated: integer('rows_updated').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  conflicts: integer('conflicts').notNull().default(0),
  report: jsonb('report').notNull().default({}),
  actorUserId: uuid('actor_user_id'),
  actorUsername: text('actor_username'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const monthlyReports = pgTable('monthly_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  year: integer('year').notNull(),
  month: integer('month').notNull(),
  status: text('status').notNull().default('draft'),
  source: text('source').notNull().default('enterprise'),
  output: amount('output'),
  sales: amount('sales'),
  export: amount('export'),
  revenue: amount('revenue'),
  profit: amount('profit'),
  tax: amount('tax'),
  rd: amount('rd'),
  energy: amount('energy'),
  employees: integer('employees'),
  explanation: text('explanation'),
  returnReason: text('return_reason'),
  deadline: date('deadline').notNull(),
  submittedAt: ts('submitted_at'),
  submittedBy: uuid('submitted_by'),
  reviewedAt: ts('reviewed_at'),
  reviewedBy: uuid('reviewed_by'),
  approvedAt: ts('approved_at'),
  approvedBy: uuid('approved_by'),
  importBatchId: uuid('import_batch_id'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const monthlyReportRevisions = pgTable('monthly_report_revisions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull(),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  status: text('status').notNull(),
  values: jsonb('values').$type<Record<string, string | number | null>>().notNull(),
  explanation: text('explanation'),
  returnReason: text('return_reason'),
  actorUserId: uuid('actor_user_id'),
  actorUsername: text('actor_username'),
  at: ts('at').notNull().defaultNow(),
});

export const statDirtyEnterprises = pgTable('stat_dirty_enterprises', {
  enterpriseId: uuid('enterprise_id').primaryKey(),
});
