import { integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Mirrors server/migrations/0021_chain_map.sql: the commission's importance weight per chain node.
export const chainNodeWeights = pgTable('chain_node_weights', {
  nodeId: uuid('node_id').primaryKey(),
  importance: numeric('importance', { precision: 4, scale: 3 }).notNull(),
  reason: text('reason'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
