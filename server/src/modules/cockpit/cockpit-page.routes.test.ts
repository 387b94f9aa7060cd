import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitPageView } from '../../../../contracts/cockpit-page.ts';
import { activeSession, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixture } from '../statistics/stats-fixture.test-support.ts';

/**
 * The cockpit page's combined answer is the three separate answers put together, for every role and scope
 * that may read it, and is refused to the roles that may read none of the figures.
 */
let t: TestApp;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  const { enterprises } = await insertFixture(db, { seed: 17, enterprises: 30, years: [2023, 2024] });
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  s.commission = await activeSession(t, 'cp_commission', 'commission');
  s.leader = await activeSession(t, 'cp_leader', 'leader');
  s.park = await activeSession(t, 'cp_park', 'park', await zoneId(t, 'medicine-port'));
  s.enterprise = await activeSession(t, 'cp_enterprise', 'enterprise', enterprises[0]!.id);
  s.department = await activeSession(t, 'cp_department', 'department', await departmentId(t, 'kewei'));
  // Open some warnings, so that the rollup has counts to compare.
  const evaluated = await as(t, s.commission)('POST', '/api/warnings/evaluate');
  expect(evaluated.statusCode, evaluated.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

async function json(session: Session, url: string): Promise<unknown> {
  const res = await as(t, session)('GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}

describe('GET /api/cockpit-page', () => {
  const queries = ['', '?indicator=output', '?period=2024-08&indicator=revenue', '?period=2023-12&indicator=tax'];
  for (const role of ['commission', 'leader', 'park'] as const) {
    it(`answers the ${role} exactly what the cockpit, goals and warnings endpoints answer`, async () => {
      for (const query of queries) {
        const params = new URLSearchParams(query.slice(1));
        const period = params.get('period');
        const combined = (await json(s[role]!, `/api/cockpit-page${query}`)) as CockpitPageView;
        expect(combined.cockpit, query).toEqual(await json(s[role]!, `/api/statistics/cockpit${query}`));
        expect(combined.goals, query).toEqual(await json(s[role]!, `/api/statistics/goals${period ? `?period=${period}` : ''}`));
        expect(combined.warnings, query).toEqual(await json(s[role]!, '/api/warnings/rollup'));
      }
    });
  }

  it('keeps a park to its own zone, as the separate endpoints do', async () => {
    const district = (await json(s.commission!, '/api/cockpit-page?period=2024-08')) as CockpitPageView;
    const zone = (await json(s.park!, '/api/cockpit-page?period=2024-08')) as CockpitPageView;
    expect(zone.cockpit.scope.kind).toBe('zone');
    expect(district.cockpit.scope.kind).toBe('district');
    expect(zone.cockpit.total.ytd).toBeLessThan(district.cockpit.total.ytd);
    expect(district.warnings!.total.count).toBeGreaterThan(0);
    expect(zone.warnings!.total.count).toBeLessThanOrEqual(district.warnings!.total.count);
  });

  it('is refused to roles without the figures and to anonymous callers, and rejects a bad query', async () => {
    expect((await as(t, s.enterprise!)('GET', '/api/cockpit-page')).statusCode).toBe(403);
    expect((await as(t, s.department!)('GET', '/api/cockpit-page')).statusCode).toBe(403);
    expect((await as(t, null)('GET', '/api/cockpit-page')).statusCode).toBe(401);
    expect((await as(t, s.commission!)('GET', '/api/cockpit-page?period=2024-13')).statusCode).toBe(400);
    expect((await as(t, s.commission!)('GET', '/api/cockpit-page?indicator=nonsense')).statusCode).toBe(400);
  });
});
