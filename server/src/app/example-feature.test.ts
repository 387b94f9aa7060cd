import { sql, type SQL } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession, zoneId } from '../../../test/fixtures.ts';
import { as, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { inIds, registerAccess, type Scope } from '../access/index.ts';
import type { AppDeps } from './deps.ts';
import { defineFeature } from './feature.ts';
import { FEATURES } from './feature-routes.ts';
import { declaredRoutes, defineRoute } from './route.ts';

/**
 * docs/ARCHITECTURE.md, "Adding a feature": a new registry-like entity is its folder — table, access
 * registration, routes, manifest — plus ONE line in the feature list. Here the whole folder is this file (a
 * park's notes about its zone, an entity that exists only in this test) and the line is `[...FEATURES,
 * exampleMemosFeature]`; nothing else of the app is touched, and the route is served, authorised, scoped and
 * listed like every product route.
 */
const exampleMemos = pgTable('example_memos', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  title: text('title').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

const readable = (scope: Scope): SQL =>
  scope.kind === 'district' ? sql`${exampleMemos.deletedAt} IS NULL` : scope.kind === 'zone' ? sql`${exampleMemos.deletedAt} IS NULL AND ${inIds(exampleMemos.zoneId, scope.ids)}` : sql`false`;
const memoAccess = registerAccess({ entity: 'example-memo', ids: { table: exampleMemos, id: exampleMemos.id }, rules: { read: readable } });

function registerExampleMemoRoutes(app: FastifyInstance, deps: AppDeps): void {
  defineRoute(app, deps, {
    // An existing permission, so the example needs no line in contracts/permissions.ts; a product feature
    // declares its own there.
    method: 'GET', url: '/api/example-memos', access: 'carrier.read',
    summary: 'Example: the memos in the caller’s scope',
    responses: { 200: z.object({ titles: z.array(z.string()) }) },
    handler: async ({ actor }) => ({
      titles: (await deps.database.db.select({ title: exampleMemos.title }).from(exampleMemos).where(memoAccess.predicate(actor!, 'read')).orderBy(exampleMemos.title)).map((r) => r.title),
    }),
  });
}

const exampleMemosFeature = defineFeature({ name: 'example-memos', routes: registerExampleMemoRoutes });

let t: TestApp;
const get = new Map<Role, ReturnType<typeof as>>();

beforeAll(async () => {
  t = await createTestApp({}, { features: [...FEATURES, exampleMemosFeature] });
  await t.db.database.execScript('CREATE TABLE example_memos (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), zone_id uuid NOT NULL, title text NOT NULL, deleted_at timestamptz)');
  const port = await zoneId(t, 'medicine-port');
  const city = await zoneId(t, 'innovation-city');
  await t.deps.database.db.insert(exampleMemos).values([
    { zoneId: port, title: 'port-1' },
    { zoneId: port, title: 'port-2' },
    { zoneId: city, title: 'city-1' },
    { zoneId: port, title: 'port-deleted', deletedAt: new Date() },
  ]);
  const scopes: Partial<Record<Role, string>> = { park: port };
  for (const role of ['commission', 'park', 'expert'] as const) get.set(role, as(t, await activeSession(t, `memo_${role}`, role, scopes[role])));
});
afterAll(async () => t?.close());

describe('a feature added as one folder plus one line in the feature list', () => {
  it('is served and listed in the route table with its permission', async () => {
    expect(declaredRoutes.get(t.app)?.find((r) => r.url === '/api/example-memos')?.access).toBe('carrier.read');
    const response = await get.get('commission')!('GET', '/api/example-memos');
    expect(response.statusCode).toBe(200);
    expect(response.json().titles).toEqual(['city-1', 'port-1', 'port-2']);
  });

  it('gives each scope its rows through its one access registration', async () => {
    expect((await get.get('park')!('GET', '/api/example-memos')).json().titles).toEqual(['port-1', 'port-2']);
  });

  it('refuses a role without the permission before the handler runs', async () => {
    expect((await get.get('expert')!('GET', '/api/example-memos')).statusCode).toBe(403);
  });

  it('leaves the product without it', () => {
    expect(FEATURES.some((feature) => feature.name === 'example-memos')).toBe(false);
  });
});
