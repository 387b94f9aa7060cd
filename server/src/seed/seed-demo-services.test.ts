import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { consoleOperatorCaller } from '../modules/registry-common/caller.ts';
import { listRequestsPastSla } from '../modules/services-requests/index.ts';
import { policyEligibility } from '../modules/services-policies/index.ts';
import { seedDemo } from './seed-demo.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.cleanup());

const count = async (table: string, where = 'true') =>
  ((await db.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('demo enterprise services', () => {
  it('loads instruments with bookings, requests in every state (some past SLA) and policies with a 免申即享 list; a second run adds nothing', { timeout: 300_000 }, async () => {
    const now = new Date(Date.UTC(2026, 10, 20, 2));
    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    expect(await count('instruments')).toBeGreaterThanOrEqual(16);
    const bookings = await count('instrument_bookings');
    expect(bookings).toBeGreaterThan(100);
    expect(await count('instrument_bookings', `status IN ('requested', 'approved') AND lower(period) > '2026-11-20'`)).toBeGreaterThan(0);
    expect(await count('instrument_trainings', `user_id = (SELECT id FROM users WHERE username = 'demo_enterprise')`)).toBeGreaterThan(0);
    const requests = await count('service_requests');
    expect(requests).toBeGreaterThan(100);
    for (const status of ['submitted', 'accepted', 'replied', 'closed']) expect(await count('service_requests', `status = '${status}'`)).toBeGreaterThan(0);
    expect(await count('service_requests', `target_kind = 'zone'`)).toBeGreaterThan(0);
    expect((await listRequestsPastSla(db.database.db, now)).length).toBeGreaterThan(0);
    expect(await count('service_policies')).toBe(8);
    const first = await policyEligibility(db.database.db, consoleOperatorCaller().actor, 'JS-BIO-01', now);
    expect(first.mode).toBe('auto');
    expect(first.eligible.length + first.missing.length).toBe(await count('enterprises', `status = 'active'`));
    // the first policy's confirmed list (other policies' awards are the second round's demo: applications, earlier years)
    expect(await count('service_policy_awards', `policy_id = (SELECT id FROM service_policies WHERE code = 'JS-BIO-01')`)).toBe(Math.ceil(first.eligible.length / 2));
    expect(await count('instrument_demands')).toBeGreaterThan(0);
    expect(await count('instrument_waitlist')).toBeGreaterThan(0);
    for (const status of ['submitted', 'reviewed', 'approved', 'rejected', 'disbursed']) expect(await count('service_policy_applications', `status = '${status}'`)).toBeGreaterThan(0);
    const awards = await count('service_policy_awards');

    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    expect(await count('instrument_bookings')).toBe(bookings);
    expect(await count('service_requests')).toBe(requests);
    expect(await count('service_policy_awards')).toBe(awards);
  });
});
