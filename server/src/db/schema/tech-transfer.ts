import { boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0027_tech_transfer.sql (issue 14 §3).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const techListings = pgTable('tech_listings', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  ownerPlatformId: uuid('owner_platform_id'),
  ownerName: text('owner_name').notNull(),
  ownerEnterpriseId: uuid('owner_enterprise_id'),
  domainId: uuid('domain_id'),
  nodeId: uuid('node_id'),
  trl: integer('trl').notNull(),
  partnerships: text('partnerships').array().notNull().default([]),
  ipStatus: text('ip_status').notNull(),
  keywords: text('keywords').array().notNull().default([]),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  status: text('status').notNull().default('active'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const techIntroductions = pgTable('tech_introductions', {
  id: uuid('id').primaryKey().defaultRandom(),
  listingId: uuid('listing_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  requestedBy: uuid('requested_by'),
  message: text('message').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  status: text('status').notNull().default('requested'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const techChallenges = pgTable('tech_challenges', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  enterpriseId: uuid('enterprise_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  domainId: uuid('domain_id'),
  nodeId: uuid('node_id'),
  keywords: text('keywords').array().notNull().default([]),
  deadline: date('deadline'),
  status: text('status').notNull().default('open'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const techChallengeMatches = pgTable(
  'tech_challenge_matches',
  {
    challengeId: uuid('challenge_id').notNull(),
    listingId: uuid('listing_id').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<{ kind: string; detail?: string }[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.listingId] })],
);

export const techChallengeResponses = pgTable('tech_challenge_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  challengeId: uuid('challenge_id').notNull(),
  listingId: uuid('listing_id').notNull(),
  note: text('note').notNull(),
  respondedBy: uuid('responded_by'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const techRubricCriteria = pgTable('tech_rubric_criteria', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  weight: integer('weight').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const techEvaluations = pgTable('tech_evaluations', {
  id: uuid('id').primaryKey().defaultRandom(),
  listingId: uuid('listing_id').notNull(),
  responseId: uuid('response_id'),
  expertId: uuid('expert_id').notNull(),
  assignedBy: uuid('assigned_by'),
  assignedAt: ts('assigned_at').notNull(),
  status: text('status').notNull().default('assigned'),
  total: numeric('total', { precision: 5, scale: 2 }),
  comment: text('comment'),
  submittedAt: ts('submitted_at'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
});

export const techEvaluationScores = pgTable(
  'tech_evaluation_scores',
  {
    evaluationId: uuid('evaluation_id').notNull(),
    criterion: text('criterion').notNull(),
    weight: integer('weight').notNull(),
    score: integer('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.criterion] })],
);

export const techDeals = pgTable('tech_deals', {
  id: uuid('id').primaryKey().defaultRandom(),
  listingId: uuid('listing_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  amount: numeric('amount', { precision: 14, scale: 2 }),
  financingAmount: numeric('financing_amount', { precision: 14, scale: 2 }),
  financingSource: text('financing_source'),
  signedOn: date('signed_on'),
  projectId: uuid('project_id'),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
