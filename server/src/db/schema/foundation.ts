import { bigint, bigserial, boolean, char, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors server/migrations/0001_foundation.sql (the SQL is the source of truth; see docs/decisions/0001).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  shortNameZh: text('short_name_zh'),
  createdAt: ts('created_at').notNull().defaultNow(),
  // 0005_departments.sql: the registry columns.
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  sortOrder: integer('sort_order').notNull().default(0),
  note: text('note'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const domains = pgTable('domains', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const domainSubfields = pgTable('domain_subfields', {
  id: uuid('id').primaryKey().defaultRandom(),
  domainId: uuid('domain_id').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en'),
});

export const zones = pgTable('zones', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  baseZh: text('base_zh').notNull(),
  lon: numeric('lon', { precision: 9, scale: 6 }),
  lat: numeric('lat', { precision: 9, scale: 6 }),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const carriers = pgTable('carriers', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  zoneId: uuid('zone_id'),
  nameZh: text('name_zh').notNull(),
  carrierType: text('carrier_type').notNull(),
  totalAreaM2: numeric('total_area_m2', { precision: 14, scale: 2 }),
  // Added by 0003_registries.sql.
  leasableAreaM2: numeric('leasable_area_m2', { precision: 14, scale: 2 }),
  address: text('address'),
  operatorName: text('operator_name'),
  openedOn: date('opened_on'),
  note: text('note'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  uscc: char('uscc', { length: 18 }).notNull().unique(),
  name: text('name').notNull(),
  domainId: uuid('domain_id'),
  subfield: text('subfield'),
  zoneId: uuid('zone_id'),
  carrierId: uuid('carrier_id'),
  stage: text('stage').notNull().default('incubating'),
  isAboveScale: boolean('is_above_scale').notNull().default(false),
  isManufacturing: boolean('is_manufacturing').notNull().default(true),
  tags: text('tags').array().notNull().default([]),
  foundedOn: date('founded_on'),
  status: text('status').notNull().default('active'),
  exitedOn: date('exited_on'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
  // Added by 0003_registries.sql.
  version: integer('version').notNull().default(1),
  mergedIntoId: uuid('merged_into_id'),
  contacts: jsonb('contacts').$type<{ name: string; title?: string | null; phone?: string | null; email?: string | null }[]>().notNull().default([]),
  address: text('address'),
  note: text('note'),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role'),
  scopeKind: text('scope_kind'),
  scopeId: uuid('scope_id'),
  status: text('status').notNull().default('active'),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  mfaSecret: text('mfa_secret'),
  mfaEnabled: boolean('mfa_enabled').notNull().default(false),
  mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
  isDemo: boolean('is_demo').notNull().default(false),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Mirrors server/migrations/0008_credential_resets.sql: administrator credential resets awaiting a second person. */
export const credentialResets = pgTable('credential_resets', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull().default('pending'),
  requestedBy: uuid('requested_by').notNull(),
  requestedAt: ts('requested_at').notNull().defaultNow(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});

export const passwordHistory = pgTable('password_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const recoveryCodes = pgTable('recovery_codes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: ts('used_at'),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  stage: text('stage').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  endedAt: ts('ended_at'),
  endReason: text('end_reason'),
});

export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: ts('first_failure_at'),
  lockedUntil: ts('locked_until'),
});

export const securitySettings = pgTable('security_settings', {
  id: integer('id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull(),
  actorUserId: uuid('actor_user_id'),
  actorUsername: text('actor_username'),
  actorRole: text('actor_role'),
  ip: text('ip'),
  requestId: text('request_id'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  outcome: text('outcome').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  details: jsonb('details'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
