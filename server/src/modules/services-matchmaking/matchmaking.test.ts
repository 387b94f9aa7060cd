import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { enterpriseChainNodes } from '../../db/schema/index.ts';
import { localSupplyRatios } from './index.ts';

let t: TestApp;
let a: Session & { userId: string };
let b: Session & { userId: string };
let c: Session & { userId: string };
let commission: Session;
let parkA: Session;
let parkElsewhere: Session;
let department: Session;
let ids: { a: string; b: string; c: string; media: string; bags: string };

const PHONE_A = '13812345678';
const PHONE_B = '13987654321';
const inDays = (n: number) => new Date(t.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
const post = (who: Session, body: Record<string, unknown>) => as(t, who)('POST', '/api/services/matchmaking/postings', { validUntil: inDays(60), contactName: '张伟', contactPhone: PHONE_A, ...body });
const nodeIdOf = async (code: string) => (await t.deps.database.query<{ id: string }>('SELECT id FROM chain_nodes WHERE code = $1', [code]))[0]!.id;
const noticesOf = async (kind: string, userId: string) =>
  (await t.deps.database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE kind = $1 AND user_id = $2', [kind, userId]))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  const ea = await createEnterprise(t, '对接测试甲生物医药有限公司', 'medicine-port');
  const eb = await createEnterprise(t, '对接测试乙培养基科技有限公司', 'innovation-city');
  const ec = await createEnterprise(t, '对接测试丙环保科技有限公司', 'innovation-city');
  ids = { a: ea.id, b: eb.id, c: ec.id, media: await nodeIdOf('bm-media'), bags: await nodeIdOf('bm-consumables') };
  a = await activeSession(t, 'mm_a', 'enterprise', ea.id);
  b = await activeSession(t, 'mm_b', 'enterprise', eb.id);
  c = await activeSession(t, 'mm_c', 'enterprise', ec.id);
  commission = await activeSession(t, 'mm_commission', 'commission');
  parkA = await activeSession(t, 'mm_park_a', 'park', await zoneId(t, 'medicine-port'));
  parkElsewhere = await activeSession(t, 'mm_park_b', 'park', await zoneId(t, 'materials-bay'));
  department = await activeSession(t, 'mm_dept', 'department', await departmentId(t, 'kewei'));
});
afterAll(async () => t?.close());

describe('supply–demand matchmaking: post, match, agree, share contacts, record the deal', () => {
  let needId: string;
  let offerId: string;
  let matchId: string;

  it('posts needs and offers with a sealed contact, shown masked to the owner and not at all to other enterprises', async () => {
    const need = await post(a, { kind: 'need', subject: 'product', nodeId: ids.media, title: '采购无血清CHO细胞培养基', description: '抗体中试线每月约2000升，要求化学成分限定，提供批记录。', quantity: '2000 L/月', currentSource: 'outside' });
    expect(need.statusCode, need.body).toBe(201);
    needId = need.json().id;
    expect(need.json().contact).toEqual({ name: '张*', phone: '138****5678' });
    const offer = await post(b, { kind: 'offer', subject: 'product', nodeId: ids.media, title: '无血清CHO培养基供应', description: '化学成分限定CHO细胞培养基，批间差小，可定制补料培养基。', contactName: '李娜', contactPhone: PHONE_B });
    expect(offer.statusCode, offer.body).toBe(201);
    offerId = offer.json().id;
    expect((await post(c, { kind: 'offer', subject: 'service', nodeId: null, title: '水质检测服务', description: '污水COD与氨氮检测，出具CMA报告。' })).statusCode).toBe(201);
    expect((await post(a, { kind: 'offer', subject: 'product', nodeId: ids.media, title: '自有培养基', description: '无血清CHO细胞培养基' })).statusCode).toBe(201);

    const stored = (await t.deps.database.query<{ contact_phone: string }>('SELECT contact_phone FROM supply_demand_postings WHERE id = $1', [needId]))[0]!;
    expect(stored.contact_phone).not.toContain(PHONE_A);

    const seenByB = (await as(t, b)('GET', '/api/services/matchmaking/postings?pageSize=100')).json().items as { id: string; contact: unknown; isOwn: boolean }[];
    expect(seenByB.find((p) => p.id === needId)).toMatchObject({ contact: null, isOwn: false });
    expect(JSON.stringify(seenByB)).not.toContain('5678');
    expect(seenByB.find((p) => p.id === offerId)).toMatchObject({ isOwn: true, contact: { phone: '139****4321' } });
  });

  it('scopes postings: a park sees its zone’s, a department none, a masked phone is refused on posting', async () => {
    expect((await as(t, parkA)('GET', `/api/services/matchmaking/postings/${needId}`)).statusCode).toBe(200);
    expect((await as(t, parkElsewhere)('GET', `/api/services/matchmaking/postings/${needId}`)).statusCode).toBe(404);
    expect((await as(t, department)('GET', '/api/services/matchmaking/postings')).statusCode).toBe(403);
    const masked = await post(a, { kind: 'need', subject: 'product', title: '测试打码', description: '测试打码号码', contactPhone: '138****5678' });
    expect(masked.statusCode).toBe(400);
  });

  it('proposes candidates by chain relation and text, with the reason; never the owner’s own offers', async () => {
    const res = await as(t, a)('GET', `/api/services/matchmaking/postings/${needId}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { posting: { id: string; enterpriseId: string }; reason: { relation: string; terms: string[] } }[];
    expect(items[0]!.posting.id).toBe(offerId);
    expect(items[0]!.reason.relation).toBe('same-node');
    expect(items[0]!.reason.terms).toEqual(expect.arrayContaining(['培养基']));
    expect(items.every((i) => i.posting.enterpriseId !== ids.a)).toBe(true);
    expect(items.some((i) => i.posting.enterpriseId === ids.c)).toBe(false);
    // B may read A's need but not look for matches from it
    expect((await as(t, b)('GET', `/api/services/matchmaking/postings/${needId}/candidates`)).statusCode).toBe(403);
  });

  it('shares contacts only after both sides agree, audits the reveal without the values, and records the deal exactly', async () => {
    const proposed = await as(t, a)('POST', '/api/services/matchmaking/matches', { needId, offerId });
    expect(proposed.statusCode, proposed.body).toBe(201);
    matchId = proposed.json().id;
    expect(proposed.json()).toMatchObject({ status: 'proposed', needConsent: 'agreed', offerConsent: 'pending', side: 'need' });
    expect((await as(t, a)('POST', '/api/services/matchmaking/matches', { needId, offerId })).json().error.code).toBe('MATCH_EXISTS');
    expect(await noticesOf('matchmaking.proposed', b.userId)).toBe(1);

    const early = await as(t, a)('POST', `/api/services/matchmaking/matches/${matchId}/contacts`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CONSENT_REQUIRED');
    expect((await as(t, c)('GET', `/api/services/matchmaking/matches/${matchId}`)).statusCode).toBe(404);
    expect((await as(t, c)('POST', `/api/services/matchmaking/matches/${matchId}/consent`, { agree: true, version: 1 })).statusCode).toBe(404);

    const agreed = await as(t, b)('POST', `/api/services/matchmaking/matches/${matchId}/consent`, { agree: true, version: 1 });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', side: 'offer' });
    expect(await noticesOf('matchmaking.consent', a.userId)).toBe(1);

    const contacts = await as(t, a)('POST', `/api/services/matchmaking/matches/${matchId}/contacts`);
    expect(contacts.statusCode, contacts.body).toBe(200);
    expect(contacts.json()).toMatchObject({ contactName: '李娜', contactPhone: PHONE_B, enterpriseName: '对接测试乙培养基科技有限公司' });
    const audit = await t.deps.database.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE action = 'supply-match.contacts-reveal' AND object_id = $1`, [matchId]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(PHONE_B);
    // the commission sees the match but never reveals contacts (it is not a party)
    expect((await as(t, commission)('POST', `/api/services/matchmaking/matches/${matchId}/contacts`)).statusCode).toBe(403);

    expect((await as(t, a)('POST', `/api/services/matchmaking/matches/${matchId}/outcome`, { outcome: 'deal', amount: '1.234', version: 2 })).statusCode).toBe(400);
    expect((await as(t, a)('POST', `/api/services/matchmaking/matches/${matchId}/outcome`, { outcome: 'contacted', version: 2 })).json().status).toBe('contacted');
    const deal = await as(t, b)('POST', `/api/services/matchmaking/matches/${matchId}/outcome`, { outcome: 'deal', amount: '123456789012.35', version: 3 });
    expect(deal.statusCode, deal.body).toBe(200);
    expect(deal.json()).toMatchObject({ status: 'deal', dealAmount: '123456789012.35' });
    expect((await as(t, b)('POST', `/api/services/matchmaking/matches/${matchId}/outcome`, { outcome: 'no-deal', version: 4 })).statusCode).toBe(409);
  });

  it('a declined match never shares contacts', async () => {
    const need = (await post(a, { kind: 'need', subject: 'product', nodeId: ids.bags, title: '采购一次性储液袋', description: '500L一次性储液袋，无菌连接。' })).json().id;
    const offer = (await post(b, { kind: 'offer', subject: 'product', nodeId: ids.bags, title: '一次性储液袋', description: '一次性储液袋与生物反应袋，50L至2000L。' })).json().id;
    const m = (await as(t, commission)('POST', '/api/services/matchmaking/matches', { needId: need, offerId: offer })).json();
    expect(m).toMatchObject({ needConsent: 'pending', offerConsent: 'pending', side: null });
    expect((await as(t, a)('POST', `/api/services/matchmaking/matches/${m.id}/consent`, { agree: true, version: 1 })).json().status).toBe('proposed');
    expect((await as(t, b)('POST', `/api/services/matchmaking/matches/${m.id}/consent`, { agree: false, version: 2 })).json().status).toBe('declined');
    expect((await as(t, a)('POST', `/api/services/matchmaking/matches/${m.id}/contacts`)).statusCode).toBe(409);
  });

  it('feeds the chain map: local share of the declared suppliers of the node’s buyers', async () => {
    // bm-media: A declared an outside supplier and agreed a deal with B (local) → 1 of 2
    const ratios = await localSupplyRatios(t.deps.database.db);
    expect(ratios.get(ids.media)).toBe(0.5);
    // bm-consumables: the only match was declined, and no source declared → no ratio
    expect(ratios.has(ids.bags)).toBe(false);
    await t.deps.database.db.insert(enterpriseChainNodes).values({ enterpriseId: ids.b, nodeId: ids.media });
    const map = await as(t, commission)('GET', '/api/chain-map?domain=biomedicine');
    expect(map.statusCode, map.body).toBe(200);
    const node = (map.json().gaps as { id: string; components: { key: string; input: number | null; score: number | null }[] }[]).find((n) => n.id === ids.media)!;
    expect(node.components.find((x) => x.key === 'localSupply')).toMatchObject({ input: 0.5, score: 0.5 });
  });
});
