import { boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Mirrors server/migrations/0024_attraction.sql (the SQL is the source of truth).
export const candidateChainNodes = pgTable(
  'candidate_chain_nodes',
  {
    candidateId: uuid('candidate_id').notNull(),
    nodeId: uuid('node_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.nodeId] })],
);

export const attractionTargets = pgTable('attraction_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  candidateId: uuid('candidate_id').notNull(),
  nodeId: uuid('node_id').notNull(),
  zoneId: uuid('zone_id'),
  ownerKind: text('owner_kind').notNull(),
  ownerZoneId: uuid('owner_zone_id'),
  ownerDepartmentId: uuid('owner_department_id'),
  status: text('status').notNull().default('open'),
  plan: text('plan'),
  nextStep: text('next_step'),
  nextOn: date('next_on'),
  assignedOn: date('assigned_on').notNull(),
  projectId: uuid('project_id'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const attractionActivities = pgTable('attraction_activities', {
  id: uuid('id').primaryKey().defaultRandom(),
  candidateId: uuid('candidate_id').notNull(),
  targetId: uuid('target_id'),
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on').notNull(),
  note: text('note').notNull(),
  nextStep: text('next_step'),
  actorUserId: uuid('actor_user_id'),
  actorName: text('actor_name'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const projectSpaceNeeds = pgTable('project_space_needs', {
  projectId: uuid('project_id').primaryKey(),
  areaM2: numeric('area_m2', { precision: 14, scale: 2 }),
  needsGmp: boolean('needs_gmp').notNull().default(false),
  needsHazardous: boolean('needs_hazardous').notNull().default(false),
  needsLabExhaust: boolean('needs_lab_exhaust').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
