import { bigserial, boolean, customType, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0020_supervision.sql (the SQL is the source of truth).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const supervisionItems = pgTable('supervision_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  clauseKey: text('clause_key').notNull(),
  taskKey: text('task_key').notNull(),
  parentId: uuid('parent_id'),
  role: text('role').notNull().$type<'lead' | 'co'>(),
  unitName: text('unit_name').notNull(),
  departmentId: uuid('department_id'),
  zoneId: uuid('zone_id'),
  cycle: text('cycle').notNull().$type<'monthly' | 'quarterly'>().default('quarterly'),
  isActive: boolean('is_active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const supervisionWorkPlans = pgTable('supervision_work_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull(),
  year: integer('year').notNull(),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: uuid('confirmed_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const supervisionMilestones = pgTable('supervision_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  workPlanId: uuid('work_plan_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  title: text('title').notNull(),
  dueOn: date('due_on').notNull(),
  evidenceExpected: text('evidence_expected').notNull().default(''),
  weight: numeric('weight', { precision: 6, scale: 2 }).notNull(),
});

export const supervisionReports = pgTable('supervision_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull(),
  period: text('period').notNull(),
  status: text('status').notNull().$type<'submitted' | 'consolidated' | 'accepted' | 'returned'>(),
  revision: integer('revision').notNull().default(1),
  percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
  milestones: jsonb('milestones').notNull().$type<{ milestoneId: string; status: string }[]>(),
  doneText: text('done_text').notNull().default(''),
  problems: text('problems').notNull().default(''),
  nextSteps: text('next_steps').notNull().default(''),
  helpNeeded: text('help_needed').notNull().default(''),
  dueOn: date('due_on').notNull(),
  isLate: boolean('is_late').notNull().default(false),
  firstSubmittedAt: ts('first_submitted_at').notNull(),
  submittedAt: ts('submitted_at').notNull(),
  submittedBy: uuid('submitted_by'),
  returnReason: text('return_reason'),
  reviewedAt: ts('reviewed_at'),
  reviewedBy: uuid('reviewed_by'),
  consolidatedAt: ts('consolidated_at'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
});

export const supervisionReportRevisions = pgTable('supervision_report_revisions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull(),
  revision: integer('revision').notNull(),
  event: text('event').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  reason: text('reason'),
  actorName: text('actor_name').notNull(),
  at: ts('at').notNull(),
});

export const supervisionStatusRules = pgTable('supervision_status_rules', {
  code: text('code').primaryKey(),
  colour: text('colour').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  params: jsonb('params').notNull().$type<Record<string, number>>(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const supervisionOutcomeLinks = pgTable('supervision_outcome_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  taskKey: text('task_key').notNull(),
  metric: text('metric').notNull(),
  year: integer('year').notNull(),
  baseline: numeric('baseline').notNull(),
  target: numeric('target').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull(),
});

export const supervisionBulletins = pgTable('supervision_bulletins', {
  id: uuid('id').primaryKey().defaultRandom(),
  period: text('period').notNull(),
  fileName: text('file_name').notNull(),
  content: bytea('content').notNull(),
  summary: jsonb('summary').notNull(),
  generatedBy: text('generated_by').notNull(),
  createdAt: ts('created_at').notNull(),
});
