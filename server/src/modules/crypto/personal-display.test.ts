import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, testUscc, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { auditLog, departments, enterprises, experts, platforms } from '../../db/schema/index.ts';

/**
 * Personal information is shown masked in every answer and export (138****5678), in the clear only through a
 * reveal route per record — its own permission, the record's scope, an audit record of who saw what, when —
 * and a form that sends back the masked values it was shown keeps the stored ones (issue 19).
 */

let t: TestApp;
let commission: Session;
let park: Session;
let otherPark: Session;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  commission = await activeSession(t, 'pd_commission', 'commission');
  leader = await activeSession(t, 'pd_leader', 'leader');
  park = await activeSession(t, 'pd_park', 'park', await zoneId(t, 'medicine-port'));
  otherPark = await activeSession(t, 'pd_park2', 'park', await zoneId(t, 'innovation-city'));
});
afterAll(async () => t?.close());

const db = () => t.deps.database.db;
const rowText = async (table: typeof enterprises | typeof experts | typeof platforms | typeof departments, id: string) =>
  JSON.stringify(await db().select().from(table).where(eq(table.id, id)));
const reveals = async (objectId: string) => db().select().from(auditLog).where(and(eq(auditLog.objectId, objectId), eq(auditLog.action, 'personal.reveal')));

describe('enterprise contacts', () => {
  const contact = { name: '欧阳明远', title: '总经理', phone: '13877705678', email: 'ouyang@example.cn' };
  let id: string;

  beforeAll(async () => {
    const created = await as(t, commission)('POST', '/api/enterprises', { uscc: testUscc(), name: '打码显示测试生物有限公司', zone: 'medicine-port', contacts: [contact] });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
  });

  it('are masked in the profile for every reader, the park and the enterprise list alike', async () => {
    for (const who of [commission, leader, park]) {
      const got = await as(t, who)('GET', `/api/enterprises/${id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json().contacts).toEqual([{ name: '欧阳**', title: '总经理', phone: '138****5678', email: 'o***@example.cn' }]);
      expect(got.body).not.toContain('13877705678');
      expect(got.body).not.toContain('ouyang@');
    }
  });

  it('are revealed to a role holding the permission inside its scope, audited with who, what and when', async () => {
    expect((await as(t, leader)('POST', `/api/enterprises/${id}/contacts/reveal`)).statusCode).toBe(403);
    const foreign = await as(t, otherPark)('POST', `/api/enterprises/${id}/contacts/reveal`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('13877705678');
    expect(await reveals(id)).toHaveLength(0);

    const shown = await as(t, park)('POST', `/api/enterprises/${id}/contacts/reveal`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().contacts).toEqual([contact]);
    const [record] = await reveals(id);
    expect(record).toMatchObject({ actorUsername: 'pd_park', actorRole: 'park', objectType: 'enterprise', objectId: id, outcome: 'success' });
    expect(record!.at).toBeInstanceOf(Date);
    expect(JSON.stringify(record)).not.toContain('13877705678');
  });

  it('survive an edit of another field: the form sends back the masked contact, the stored one is kept', async () => {
    const shown = (await as(t, commission)('GET', `/api/enterprises/${id}`)).json();
    const form = {
      uscc: shown.uscc,
      name: shown.name,
      zone: shown.zone.code,
      stage: shown.stage,
      contacts: shown.contacts,
      address: '金山区测试路 1 号',
      version: shown.version,
    };
    const saved = await as(t, commission)('PUT', `/api/enterprises/${id}`, form);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ address: '金山区测试路 1 号', contacts: [{ phone: '138****5678' }] });
    expect(await rowText(enterprises, id)).not.toContain('****');
    expect((await as(t, commission)('POST', `/api/enterprises/${id}/contacts/reveal`)).json().contacts).toEqual([contact]);
    // Search by the stored number still finds it: the blind index was computed over the kept clear value.
    const found = await as(t, commission)('GET', '/api/enterprises?q=13877705678');
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('a masked value that stands for nothing stored is refused, naming the field', async () => {
    const shown = (await as(t, commission)('GET', `/api/enterprises/${id}`)).json();
    const form = { uscc: shown.uscc, name: shown.name, zone: 'medicine-port', contacts: [{ ...shown.contacts[0], phone: '139****0000' }], version: shown.version };
    const refused = await as(t, commission)('PUT', `/api/enterprises/${id}`, form);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ path: 'body.contacts.0.phone', rule: 'masked' });
  });

  it('leave in exports masked', async () => {
    const exported = await as(t, commission)('GET', `/api/enterprises/export?format=csv&q=${encodeURIComponent('打码显示测试')}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('138****5678');
    expect(exported.body).not.toContain('13877705678');
  });
});

describe('experts, platforms and departments: contacts sealed, masked, revealed, kept on edit', () => {
  it('an expert’s phone and e-mail', async () => {
    const created = await as(t, commission)('POST', '/api/experts', { name: '加密专家', domains: ['biomedicine'], phone: '13966601234', email: 'expert.pd@example.cn' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ phone: '139****1234', email: 'e***@example.cn' });
    for (const clear of ['13966601234', '6601234', 'expert.pd']) expect(await rowText(experts, id)).not.toContain(clear);
    // Sent back masked with another field changed: the stored values stay.
    const saved = await as(t, commission)('PUT', `/api/experts/${id}`, { name: '加密专家', domains: ['biomedicine'], phone: '139****1234', email: 'e***@example.cn', note: '改备注', version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await as(t, park)('POST', `/api/experts/${id}/contacts/reveal`)).statusCode).toBe(404);
    const shown = await as(t, commission)('POST', `/api/experts/${id}/contacts/reveal`);
    expect(shown.json()).toEqual({ phone: '13966601234', email: 'expert.pd@example.cn' });
    expect(await reveals(id)).toHaveLength(1);
    const exported = await as(t, commission)('GET', `/api/experts/export?format=csv&q=${encodeURIComponent('加密专家')}`);
    expect(exported.body).toContain('139****1234');
    expect(exported.body).not.toContain('13966601234');
  });

  it('a platform’s contact', async () => {
    const created = await as(t, commission)('POST', '/api/platforms', { name: '加密测试平台', kind: 'rd', contactName: '钱多多', contactPhone: '13744401234' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ contactName: '钱**', contactPhone: '137****1234' });
    for (const clear of ['钱多多', '13744401234']) expect(await rowText(platforms, id)).not.toContain(clear);
    const saved = await as(t, commission)('PUT', `/api/platforms/${id}`, { name: '加密测试平台（改）', kind: 'rd', contactName: '钱**', contactPhone: '137****1234', version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await as(t, park)('POST', `/api/platforms/${id}/contacts/reveal`)).json()).toEqual({ contactName: '钱多多', contactPhone: '13744401234' });
  });

  it('a department’s contact', async () => {
    const created = await as(t, commission)('POST', '/api/departments', { code: 'pd-dep', nameZh: '上海市金山区加密测试局', shortNameZh: '区加密局', contactName: '孙立', contactPhone: '021-57921234', sortOrder: 900 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ contactName: '孙*', contactPhone: '*******1234' });
    for (const clear of ['孙立', '57921234']) expect(await rowText(departments, id)).not.toContain(clear);
    const saved = await as(t, commission)('PUT', `/api/departments/${id}`, { code: 'pd-dep', nameZh: '上海市金山区加密测试局', shortNameZh: '区加密', contactName: '孙*', contactPhone: '*******1234', sortOrder: 900, version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await as(t, commission)('POST', `/api/departments/${id}/contacts/reveal`)).json()).toEqual({ contactName: '孙立', contactPhone: '021-57921234' });
  });
});
