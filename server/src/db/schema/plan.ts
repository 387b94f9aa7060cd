import { char, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0002_plan.sql (the SQL is the source of truth).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const plans = pgTable('plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const planVersions = pgTable('plan_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull().default('draft'),
  title: text('title'),
  issuer: text('issuer'),
  issuedOn: date('issued_on'),
  docNumber: text('doc_number'),
  sourceText: text('source_text').notNull(),
  sourceFileName: text('source_file_name'),
  sourceSha256: char('source_sha256', { length: 64 }).notNull(),
  structure: jsonb('structure').notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
  activatedAt: ts('activated_at'),
  activatedBy: uuid('activated_by'),
});

const sourceColumns = {
  sourceStart: integer('source_start').notNull(),
  sourceEnd: integer('source_end').notNull(),
};

export const planGoals = pgTable('plan_goals', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  key: text('key').notNull(),
  ordinal: integer('ordinal').notNull(),
  metric: text('metric').notNull(),
  year: integer('year').notNull(),
  yearFrom: integer('year_from'),
  value: numeric('value').notNull(),
  valueMax: numeric('value_max'),
  unit: text('unit').notNull(),
  comparator: text('comparator').notNull(),
  ...sourceColumns,
  formula: jsonb('formula'),
});

export const planDomains = pgTable('plan_domains', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  key: text('key').notNull(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  domainId: uuid('domain_id'),
  ...sourceColumns,
});

export const planDomainSubfields = pgTable('plan_domain_subfields', {
  id: uuid('id').primaryKey().defaultRandom(),
  planDomainId: uuid('plan_domain_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
});

export const planZones = pgTable('plan_zones', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  key: text('key').notNull(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  alias: text('alias'),
  base: text('base').notNull(),
  zoneId: uuid('zone_id'),
  ...sourceColumns,
});

export const planZoneCarriers = pgTable('plan_zone_carriers', {
  id: uuid('id').primaryKey().defaultRandom(),
  planZoneId: uuid('plan_zone_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
});

export const planTasks = pgTable('plan_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  key: text('key').notNull(),
  ordinal: integer('ordinal').notNull(),
  kind: text('kind').notNull(),
  number: integer('number').notNull(),
  label: text('label').notNull(),
  title: text('title').notNull(),
  ...sourceColumns,
});

export const planMeasures = pgTable('plan_measures', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  taskId: uuid('task_id').notNull(),
  key: text('key').notNull(),
  ordinal: integer('ordinal').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  ...sourceColumns,
});

export const planTaskUnits = pgTable('plan_task_units', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull(),
  taskId: uuid('task_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  departmentId: uuid('department_id'),
});
