import { sql, type SQL } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import type { Actor } from '../app/actor.ts';
import { accessOf, inIds, managesDistrict, registerAccess, registeredAccess, type Scope } from './index.ts';

/**
 * A new registry-like entity (here: notes kept by parks about their zone) needs its folder — table, rules,
 * service, routes — and ONE registration of its access rules; lists, details, bulk actions and exports all
 * ask that registration. The entity lives only in this test, never in the product.
 */
const exampleNotes = pgTable('example_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  title: text('title').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

// The one registration (with its rules): the district reads all, a park its zone's notes; the commission and
// the park write them.
const readable = (scope: Scope): SQL =>
  scope.kind === 'district' ? sql`${exampleNotes.deletedAt} IS NULL` : scope.kind === 'zone' ? sql`${exampleNotes.deletedAt} IS NULL AND ${inIds(exampleNotes.zoneId, scope.ids)}` : sql`false`;
const noteAccess = registerAccess({
  entity: 'example-note',
  ids: { table: exampleNotes, id: exampleNotes.id },
  rules: { read: readable, write: (scope) => (managesDistrict(scope) || scope.kind === 'zone' ? readable(scope) : sql`false`) },
});

const ZONE_A = '11111111-1111-4111-8111-111111111111';
const ZONE_B = '22222222-2222-4222-8222-222222222222';
let db: TestDatabase;
const ids: Record<'a1' | 'a2' | 'b1' | 'gone', string> = { a1: '', a2: '', b1: '', gone: '' };

function actor(role: Role | null, scope: Actor['scope'] = null): Actor {
  return { userId: crypto.randomUUID(), username: 'x', displayName: 'x', role, scope, stage: 'active', sessionTokenHash: '', csrfToken: '' };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.database.execScript('CREATE TABLE example_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), zone_id uuid NOT NULL, title text NOT NULL, deleted_at timestamptz)');
  const insert = async (zoneId: string, title: string, deleted = false) =>
    (await db.database.db.insert(exampleNotes).values({ zoneId, title, deletedAt: deleted ? new Date() : null }).returning())[0]!.id;
  ids.a1 = await insert(ZONE_A, 'A1');
  ids.a2 = await insert(ZONE_A, 'A2');
  ids.b1 = await insert(ZONE_B, 'B1');
  ids.gone = await insert(ZONE_A, 'gone', true);
});
afterAll(async () => db?.cleanup());

const visibleTitles = async (who: Actor, action: 'read' | 'write') =>
  (await db.database.db.select({ title: exampleNotes.title }).from(exampleNotes).where(noteAccess.predicate(who, action)).orderBy(exampleNotes.title)).map((r) => r.title);

describe('a new entity is one registration', () => {
  it('is listed by the registry and found by name', () => {
    expect(registeredAccess()).toContainEqual({ entity: 'example-note', actions: ['read', 'write'] });
    expect(accessOf('example-note')).toBe(noteAccess);
  });

  it('gives each scope its rows (the SQL predicate)', async () => {
    expect(await visibleTitles(actor('leader'), 'read')).toEqual(['A1', 'A2', 'B1']);
    expect(await visibleTitles(actor('leader'), 'write')).toEqual([]);
    expect(await visibleTitles(actor('commission'), 'write')).toEqual(['A1', 'A2', 'B1']);
    expect(await visibleTitles(actor('park', { kind: 'zone', id: ZONE_A }), 'read')).toEqual(['A1', 'A2']);
    expect(await visibleTitles(actor('park', null), 'read')).toEqual([]);
    for (const role of ['enterprise', 'expert', 'platform', 'sysadmin', null] as const) expect(await visibleTitles(actor(role), 'read')).toEqual([]);
  });

  it('answers "which of these ids" with the same rule, for bulk actions (foreign, deleted, unknown and malformed ids fall out)', async () => {
    const asked = [ids.a1, ids.b1, ids.gone, ids.a2, ids.a1, crypto.randomUUID(), 'not-an-id', "x' OR 1=1 --"];
    const park = actor('park', { kind: 'zone', id: ZONE_A });
    expect(await noteAccess.allowedIds(db.database.db, park, 'write', asked)).toEqual(new Set([ids.a1, ids.a2]));
    expect(await noteAccess.allowedIds(db.database.db, actor('commission'), 'write', asked)).toEqual(new Set([ids.a1, ids.a2, ids.b1]));
    expect(await noteAccess.allowedIds(db.database.db, actor('leader'), 'write', asked)).toEqual(new Set());
    expect(await noteAccess.allows(db.database.db, park, 'read', ids.b1)).toBe(false);
    expect(await noteAccess.allows(db.database.db, park, 'read', ids.a2)).toBe(true);
    expect(await noteAccess.allowedIds(db.database.db, park, 'read', [])).toEqual(new Set());
  });

  it('refuses a second registration of the same entity and an action it does not know', () => {
    expect(() => registerAccess({ entity: 'example-note', ids: { table: exampleNotes, id: exampleNotes.id }, rules: { read: () => sql`true` } })).toThrow(/twice/);
    expect(() => accessOf('example-note').predicate(actor('commission'), 'export')).toThrow(/no access rule "export"/);
    expect(() => accessOf('no-such-entity')).toThrow(/no access rules/);
  });
});
