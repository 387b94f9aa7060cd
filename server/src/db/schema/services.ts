import { bigserial, boolean, customType, date, integer, jsonb, numeric, pgTable, primaryKey, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0022_service_requests.sql and 0023_service_instruments_policies.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** A tstzrange in its text form ('["2026-01-05 02:00:00+00","2026-01-05 04:00:00+00")'); repositories build it with SQL. */
const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const serviceRequestRoutes = pgTable('service_request_routes', {
  category: text('category').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  targetKind: text('target_kind').notNull(),
  targetId: uuid('target_id'),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const serviceRequestSla = pgTable('service_request_sla', {
  step: text('step').primaryKey(),
  workingHours: integer('working_hours').notNull(),
  remindAtShare: numeric('remind_at_share', { precision: 3, scale: 2 }).notNull(),
});

export const serviceCalendarDays = pgTable('service_calendar_days', {
  day: date('day').primaryKey(),
  isWorking: boolean('is_working').notNull(),
  note: text('note'),
});

export const serviceRequests = pgTable('service_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  enterpriseId: uuid('enterprise_id').notNull(),
  submittedBy: uuid('submitted_by'),
  category: text('category').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  targetKind: text('target_kind').notNull(),
  targetId: uuid('target_id').notNull(),
  status: text('status').notNull(),
  submittedAt: ts('submitted_at').notNull(),
  acknowledgeDueAt: ts('acknowledge_due_at').notNull(),
  acknowledgeRemindAt: ts('acknowledge_remind_at').notNull(),
  resolveDueAt: ts('resolve_due_at').notNull(),
  resolveRemindAt: ts('resolve_remind_at').notNull(),
  acceptedAt: ts('accepted_at'),
  plan: text('plan'),
  repliedAt: ts('replied_at'),
  reply: text('reply'),
  rating: integer('rating'),
  ratedAt: ts('rated_at'),
  reopenCount: integer('reopen_count').notNull().default(0),
  remindedStep: text('reminded_step'),
  escalatedStep: text('escalated_step'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const serviceRequestEvents = pgTable('service_request_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  requestId: uuid('request_id').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  note: text('note'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  occurredAt: ts('occurred_at').notNull(),
});

export const instruments = pgTable('instruments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  platformId: uuid('platform_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  location: text('location'),
  rules: text('rules'),
  requiresTraining: boolean('requires_training').notNull().default(true),
  priceInDistrict: numeric('price_in_district', { precision: 12, scale: 2 }).notNull(),
  priceOutside: numeric('price_outside', { precision: 12, scale: 2 }).notNull(),
  priceAcademic: numeric('price_academic', { precision: 12, scale: 2 }).notNull(),
  opensAt: time('opens_at').notNull(),
  closesAt: time('closes_at').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
  version: integer('version').notNull().default(1),
});

export const instrumentTrainings = pgTable(
  'instrument_trainings',
  {
    instrumentId: uuid('instrument_id').notNull(),
    userId: uuid('user_id').notNull(),
    trainedOn: date('trained_on').notNull(),
    expiresOn: date('expires_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.userId] })],
);

export const instrumentBookings = pgTable('instrument_bookings', {
  id: uuid('id').primaryKey().defaultRandom(),
  instrumentId: uuid('instrument_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  userId: uuid('user_id'),
  period: tstzrange('period').notNull(),
  status: text('status').notNull(),
  userCategory: text('user_category').notNull(),
  pricePerHour: numeric('price_per_hour', { precision: 12, scale: 2 }).notNull(),
  amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  purpose: text('purpose'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  cancelledAt: ts('cancelled_at'),
  lateCancel: boolean('late_cancel').notNull().default(false),
  offerExpiresAt: ts('offer_expires_at'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull(),
  version: integer('version').notNull().default(1),
});

export const servicePolicies = pgTable('service_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  clause: text('clause'),
  summary: text('summary'),
  amount: numeric('amount', { precision: 14, scale: 2 }),
  deadline: date('deadline'),
  materials: text('materials'),
  conditions: jsonb('conditions').notNull().default([]),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const servicePolicyAwards = pgTable('service_policy_awards', {
  id: uuid('id').primaryKey().defaultRandom(),
  policyId: uuid('policy_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  amount: numeric('amount', { precision: 14, scale: 2 }),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: ts('confirmed_at').notNull(),
  applicationId: uuid('application_id'),
  disbursedAmount: numeric('disbursed_amount', { precision: 14, scale: 2 }),
  disbursedAt: ts('disbursed_at'),
  disbursedBy: uuid('disbursed_by'),
});

// Mirrors server/migrations/0028_services_waitlist_gaps_applications.sql.
export const instrumentBookingRules = pgTable('instrument_booking_rules', {
  platformId: uuid('platform_id').primaryKey(),
  lateCancelHours: integer('late_cancel_hours').notNull().default(24),
  lateCancelsPerNoShow: integer('late_cancels_per_no_show').notNull().default(2),
  noShowLimit: integer('no_show_limit').notNull().default(3),
  windowDays: integer('window_days').notNull().default(90),
  suspensionDays: integer('suspension_days').notNull().default(30),
  offerHours: integer('offer_hours').notNull().default(4),
  chargeNoShow: boolean('charge_no_show').notNull().default(true),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const instrumentWaitlist = pgTable('instrument_waitlist', {
  id: uuid('id').primaryKey().defaultRandom(),
  instrumentId: uuid('instrument_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  userId: uuid('user_id'),
  period: tstzrange('period').notNull(),
  purpose: text('purpose'),
  status: text('status').notNull(),
  bookingId: uuid('booking_id'),
  createdAt: ts('created_at').notNull(),
  version: integer('version').notNull().default(1),
});

export const instrumentDemands = pgTable('instrument_demands', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  submittedBy: uuid('submitted_by'),
  kind: text('kind').notNull(),
  description: text('description').notNull(),
  hoursPerMonth: integer('hours_per_month'),
  status: text('status').notNull().default('open'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull(),
});

export const servicePolicyApplications = pgTable('service_policy_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  policyId: uuid('policy_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  submittedBy: uuid('submitted_by'),
  statement: text('statement').notNull(),
  amountRequested: numeric('amount_requested', { precision: 14, scale: 2 }),
  status: text('status').notNull(),
  submittedAt: ts('submitted_at').notNull(),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: ts('reviewed_at'),
  reviewNote: text('review_note'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  amountApproved: numeric('amount_approved', { precision: 14, scale: 2 }),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
});
