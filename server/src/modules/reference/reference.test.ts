import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';

interface ZoneView {
  id: string;
  code: string;
  carriers: { code: string }[];
}

/** The reference zones list carries each zone's carriers only as far as the caller may read carriers. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function zonesAs(role: 'commission' | 'park' | 'enterprise' | 'expert', username: string, scope?: string): Promise<ZoneView[]> {
  const session = await activeSession(t, username, role, scope);
  const response = await as(t, session)('GET', '/api/reference/zones');
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: ZoneView[] }).items;
}

describe('GET /api/reference/zones', () => {
  it('lists every zone to every business role, with carriers in the caller’s carrier scope only', async () => {
    const all = await zonesAs('commission', 'ref_commission');
    const withCarriers = all.filter((z) => z.carriers.length > 0);
    expect(withCarriers.length).toBeGreaterThan(1);
    const own = withCarriers[0]!;
    expect(own.id).toBe(await zoneId(t, own.code));

    const park = await zonesAs('park', 'ref_park', own.id);
    expect(park.map((z) => z.code)).toEqual(all.map((z) => z.code));
    expect(park.find((z) => z.code === own.code)!.carriers).toEqual(own.carriers);
    expect(park.filter((z) => z.code !== own.code).flatMap((z) => z.carriers)).toEqual([]);

    // Carriers list their occupants, other enterprises: not for enterprises or providers.
    const firm = await createEnterprise(t, '参考数据测试企业', own.code);
    for (const [role, name, scope] of [['enterprise', 'ref_enterprise', firm.id], ['expert', 'ref_expert', undefined]] as const) {
      const zones = await zonesAs(role, name, scope);
      expect(zones.length).toBe(all.length);
      expect(zones.flatMap((z) => z.carriers)).toEqual([]);
    }
  });
});
