import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, zoneId } from '../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

/** Every refusal is audited by one mechanism (refusal-audit.ts), whatever the route. */
let t: TestApp;
let park: Session & { userId: string };
let commission: Session & { userId: string };
beforeAll(async () => {
  t = await createTestApp();
  park = await activeSession(t, 'refuse_park', 'park', await zoneId(t, 'medicine-port'));
  commission = await activeSession(t, 'refuse_commission', 'commission');
});
afterAll(async () => t?.close());

async function deniedFor(userId: string) {
  return t.deps.database.query<{ details: { status: number; code: string; url: string; permission?: string; params?: Record<string, string> } }>(
    `SELECT details FROM audit_log WHERE action = 'access.denied' AND actor_user_id = $1 ORDER BY seq`,
    [userId],
  );
}

describe('refusal audit', () => {
  it('records out-of-scope (404) attempts on monthly reports, enterprise statistics, carriers and departments', async () => {
    const foreign = await createEnterprise(t, '拒绝审计外园区企业', 'innovation-city');
    const probes = [
      [`/api/monthly-reports/${randomUUID()}`, '/api/monthly-reports/:id'],
      [`/api/statistics/enterprises/${foreign.id}`, '/api/statistics/enterprises/:id'],
      [`/api/carriers/${randomUUID()}`, '/api/carriers/:id'],
      [`/api/departments/${randomUUID()}`, '/api/departments/:id'],
    ] as const;
    for (const [url] of probes) expect((await as(t, park)('GET', url)).statusCode, url).toBe(404);
    const records = await deniedFor(park.userId);
    for (const [url, pattern] of probes) {
      const record = records.find((r) => r.details.url === pattern);
      expect(record, url).toBeDefined();
      expect(record!.details).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(Object.values(record!.details.params ?? {})).toContain(url.split('/').pop());
    }
  });

  it('records a refused monthly-report import', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/monthly-reports/import',
      headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: Buffer.from('this is not a workbook'),
    });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    const records = await deniedFor(commission.userId);
    expect(records.map((x) => x.details)).toContainEqual(expect.objectContaining({ url: '/api/monthly-reports/import', status: r.statusCode, permission: 'report.import' }));
  });

  it('records a permission refusal and a failed CSRF check the same way', async () => {
    expect((await as(t, park)('GET', '/api/admin/users')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout-others', headers: { cookie: park.cookie } })).statusCode).toBe(403);
    const details = (await deniedFor(park.userId)).map((r) => r.details);
    expect(details).toContainEqual(expect.objectContaining({ status: 403, code: 'FORBIDDEN', url: '/api/admin/users', permission: 'user.manage' }));
    expect(details).toContainEqual(expect.objectContaining({ status: 403, code: 'CSRF_REJECTED', url: '/api/auth/logout-others' }));
  });
});
