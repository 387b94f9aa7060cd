import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriers } from '../../db/schema/index.ts';
import { activeSession, createEnterprise, testUscc, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

/** Occupants are enterprises: a park records and sees only its own zone's, and learns nothing about others. */
let t: TestApp;
let park: Session;
let carrierId: string;
let own: { uscc: string };
let foreign: { uscc: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  const zone = await zoneId(t, 'medicine-port');
  park = await activeSession(t, 'occ_park', 'park', zone);
  own = await createEnterprise(t, '入驻测试本园区生物科技有限公司', 'medicine-port');
  foreign = await createEnterprise(t, '入驻测试外园区生物材料有限公司', 'innovation-city');
  const [carrier] = await t.deps.database.db.select({ id: carriers.id }).from(carriers).where(and(eq(carriers.zoneId, zone), isNull(carriers.deletedAt))).limit(1);
  carrierId = carrier!.id;
});
afterAll(async () => t?.close());

const occupant = (enterpriseUscc: string) => ({ enterpriseUscc, moveInOn: '2025-01-01', leasedArea: 100 });

describe('carrier occupants and the enterprise scope', () => {
  it('a park cannot record another zone’s enterprise in its carrier, and the detail never shows it', async () => {
    const r = await as(t, park)('POST', `/api/carriers/${carrierId}/occupants`, occupant(foreign.uscc));
    expect(r.statusCode).toBe(400);
    const detail = await as(t, park)('GET', `/api/carriers/${carrierId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(foreign.uscc);
    expect(detail.body).not.toContain(foreign.name);
  });

  it('answers "registered in another zone" exactly like "not registered" (no existence oracle)', async () => {
    const foreignAnswer = await as(t, park)('POST', `/api/carriers/${carrierId}/occupants`, occupant(foreign.uscc));
    const unknownAnswer = await as(t, park)('POST', `/api/carriers/${carrierId}/occupants`, occupant(testUscc()));
    expect(foreignAnswer.statusCode).toBe(unknownAnswer.statusCode);
    const strip = (body: string) => ({ ...JSON.parse(body).error, requestId: undefined });
    expect(strip(foreignAnswer.body)).toEqual(strip(unknownAnswer.body));
  });

  it('records its own zone’s enterprise', async () => {
    const r = await as(t, park)('POST', `/api/carriers/${carrierId}/occupants`, occupant(own.uscc));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain(own.uscc);
  });
});
