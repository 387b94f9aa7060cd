import { bigserial, boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0003_registries.sql (the SQL is the source of truth). The columns 0003 adds to
// `enterprises` and `carriers` are declared on those tables in foundation.ts.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const carrierOccupants = pgTable('carrier_occupants', {
  id: uuid('id').primaryKey().defaultRandom(),
  carrierId: uuid('carrier_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  moveInOn: date('move_in_on').notNull(),
  moveOutOn: date('move_out_on'),
  leasedAreaM2: numeric('leased_area_m2', { precision: 14, scale: 2 }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  // Added by 0025_carrier_ladder.sql.
  leaseEndOn: date('lease_end_on'),
  exitKind: text('exit_kind'),
  overlapReason: text('overlap_reason'),
  note: text('note'),
});

export const chainTemplatesTable = pgTable('chain_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  domainId: uuid('domain_id'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const chainNodesTable = pgTable('chain_nodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  templateId: uuid('template_id').notNull(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  stage: text('stage').notNull(),
  kind: text('kind').notNull().default('mixed'),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const enterpriseChainNodes = pgTable(
  'enterprise_chain_nodes',
  {
    enterpriseId: uuid('enterprise_id').notNull(),
    nodeId: uuid('node_id').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.nodeId] })],
);

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  investorName: text('investor_name').notNull(),
  investorEnterpriseId: uuid('investor_enterprise_id'),
  domainId: uuid('domain_id'),
  zoneId: uuid('zone_id'),
  totalInvestment: numeric('total_investment', { precision: 16, scale: 4 }),
  expectedAnnualOutput: numeric('expected_annual_output', { precision: 16, scale: 4 }),
  responsibleDepartmentId: uuid('responsible_department_id'),
  stage: text('stage').notNull().default('lead'),
  planClauseKeys: text('plan_clause_keys').array().notNull().default([]),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const projectStages = pgTable(
  'project_stages',
  {
    projectId: uuid('project_id').notNull(),
    stage: text('stage').notNull(),
    plannedOn: date('planned_on'),
    actualOn: date('actual_on'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.stage] })],
);

export const projectStageEvents = pgTable('project_stage_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  projectId: uuid('project_id').notNull(),
  fromStage: text('from_stage'),
  toStage: text('to_stage').notNull(),
  occurredOn: date('occurred_on').notNull(),
  note: text('note'),
  reason: text('reason'),
  actorUserId: uuid('actor_user_id'),
  actorName: text('actor_name'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

export const projectFollowUps = pgTable('project_follow_ups', {
  id: uuid('id').primaryKey().defaultRandom(),
  projectId: uuid('project_id').notNull(),
  occurredOn: date('occurred_on').notNull(),
  kind: text('kind').notNull(),
  note: text('note').notNull(),
  problems: text('problems'),
  nextStep: text('next_step'),
  departmentId: uuid('department_id'),
  staffName: text('staff_name'),
  actorUserId: uuid('actor_user_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const projectChainNodes = pgTable(
  'project_chain_nodes',
  {
    projectId: uuid('project_id').notNull(),
    nodeId: uuid('node_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.nodeId] })],
);

export const platforms = pgTable('platforms', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  zoneId: uuid('zone_id'),
  carrierId: uuid('carrier_id'),
  operatorEnterpriseId: uuid('operator_enterprise_id'),
  namedInPolicy: boolean('named_in_policy').notNull().default(false),
  services: text('services').array().notNull().default([]),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const experts = pgTable('experts', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  title: text('title'),
  affiliation: text('affiliation'),
  domainCodes: text('domain_codes').array().notNull().default([]),
  fields: text('fields').array().notNull().default([]),
  isCommitteeMember: boolean('is_committee_member').notNull().default(false),
  phone: text('phone'),
  email: text('email'),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const expertConflicts = pgTable('expert_conflicts', {
  id: uuid('id').primaryKey().defaultRandom(),
  expertId: uuid('expert_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  relation: text('relation').notNull(),
  declaredOn: date('declared_on'),
});

export const candidateCompanies = pgTable('candidate_companies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  domainId: uuid('domain_id'),
  nodeId: uuid('node_id'),
  sizeTier: text('size_tier'),
  annualRevenue: numeric('annual_revenue', { precision: 16, scale: 4 }),
  employees: integer('employees'),
  city: text('city'),
  province: text('province'),
  isListed: boolean('is_listed').notNull().default(false),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  // Added by 0024_attraction.sql.
  products: text('products').array().notNull().default([]),
  source: text('source').notNull().default('other'),
  note: text('note'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const recordHistory = pgTable('record_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  objectType: text('object_type').notNull(),
  objectId: uuid('object_id').notNull(),
  action: text('action').notNull(),
  source: text('source').notNull().default('api'),
  changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull().default({}),
  actorUserId: uuid('actor_user_id'),
  actorUsername: text('actor_username'),
  requestId: text('request_id'),
  at: ts('at').notNull().defaultNow(),
});
