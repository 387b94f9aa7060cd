import { boolean, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0026_supply_demand_matchmaking.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const supplyDemandPostings = pgTable('supply_demand_postings', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  enterpriseId: uuid('enterprise_id').notNull(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  nodeId: uuid('node_id'),
  title: text('title').notNull(),
  description: text('description').notNull(),
  specification: text('specification'),
  quantity: text('quantity'),
  periodFrom: date('period_from'),
  periodTo: date('period_to'),
  validUntil: date('valid_until').notNull(),
  currentSource: text('current_source'),
  contactName: text('contact_name').notNull(),
  contactPhone: text('contact_phone').notNull(),
  status: text('status').notNull().default('open'),
  closedReason: text('closed_reason'),
  createdBy: uuid('created_by'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export interface MatchReasonStored {
  relation: 'same-node' | 'upstream' | 'downstream' | 'text-only';
  nodeScore: number;
  textScore: number;
  terms: string[];
}

export const supplyDemandMatches = pgTable('supply_demand_matches', {
  id: uuid('id').primaryKey().defaultRandom(),
  needId: uuid('need_id').notNull(),
  offerId: uuid('offer_id').notNull(),
  score: numeric('score', { precision: 5, scale: 4 }).notNull(),
  reason: jsonb('reason').$type<MatchReasonStored>().notNull(),
  needConsent: text('need_consent').notNull().default('pending'),
  needConsentAt: ts('need_consent_at'),
  offerConsent: text('offer_consent').notNull().default('pending'),
  offerConsentAt: ts('offer_consent_at'),
  status: text('status').notNull().default('proposed'),
  dealAmount: numeric('deal_amount', { precision: 14, scale: 2 }),
  outcomeNote: text('outcome_note'),
  outcomeAt: ts('outcome_at'),
  outcomeBy: uuid('outcome_by'),
  proposedBy: uuid('proposed_by'),
  proposedAt: ts('proposed_at').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
