import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, departmentId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { expertConflicts, experts, platforms, projects } from '../../db/schema/index.ts';

let t: TestApp;
let provider: Session;
let otherProvider: Session;
let commission: Session;
let leader: Session;
let department: Session;
let buyer: Session;
let rival: Session;
let expert: Session;
let otherExpert: Session;
let buyerEnt: { id: string; uscc: string; name: string };
let operatorEnt: { id: string; uscc: string; name: string };
const ids = { clean: '', conflicted: '', ownerConflicted: '', other: '', listing: '', unrelated: '' };

const listingBody = (over: Record<string, unknown> = {}) => ({
  kind: 'patent',
  title: '一种抗体层析纯化介质及其制备方法',
  summary: '高载量蛋白A亲和层析介质，动态载量 ≥ 60 g/L，可耐受 0.5 M NaOH 在位清洗。',
  domainCode: 'biomedicine',
  nodeCode: 'bm-antibody',
  trl: 6,
  partnerships: ['licence', 'co-development'],
  ipStatus: 'granted',
  keywords: ['层析', '抗体', '纯化'],
  contactName: '王工',
  contactPhone: '021-57000001',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  operatorEnt = await createEnterprise(t, '成果测试运营生物科技有限公司', 'medicine-port');
  buyerEnt = await createEnterprise(t, '成果测试受让生物制药有限公司', 'medicine-port');
  const rivalEnt = await createEnterprise(t, '成果测试另一生物材料有限公司', 'materials-bay');
  const [platform] = await db.insert(platforms).values({ code: 'TT-PLATFORM', name: '成果测试中试平台', kind: 'cdmo', operatorEnterpriseId: operatorEnt.id }).returning();
  const [other] = await db.insert(platforms).values({ code: 'TT-PLATFORM-2', name: '成果测试另一平台', kind: 'rd' }).returning();
  const pool = await db
    .insert(experts)
    .values([
      { code: 'TT-E1', name: '甲专家', affiliation: '某高校药学院', domainCodes: ['biomedicine'] },
      { code: 'TT-E2', name: '乙专家', affiliation: '某研究院', domainCodes: ['biomedicine'] },
      { code: 'TT-E3', name: '丙专家', affiliation: '某协会', domainCodes: ['biomedicine'] },
      { code: 'TT-E4', name: '丁专家', affiliation: '某农科院', domainCodes: ['bioagri-food'] },
    ])
    .returning();
  [ids.clean, ids.conflicted, ids.ownerConflicted, ids.other] = pool.map((e) => e.id) as [string, string, string, string];
  await db.insert(expertConflicts).values([
    { expertId: ids.conflicted, enterpriseId: buyerEnt.id, relation: '持有该企业股份' },
    { expertId: ids.ownerConflicted, enterpriseId: operatorEnt.id, relation: '曾任该企业技术顾问' },
  ]);
  provider = await activeSession(t, 'tt_provider', 'platform', platform!.id);
  otherProvider = await activeSession(t, 'tt_provider_2', 'platform', other!.id);
  commission = await activeSession(t, 'tt_commission', 'commission');
  leader = await activeSession(t, 'tt_leader', 'leader');
  department = await activeSession(t, 'tt_department', 'department', await departmentId(t, 'kewei'));
  buyer = await activeSession(t, 'tt_buyer', 'enterprise', buyerEnt.id);
  rival = await activeSession(t, 'tt_rival', 'enterprise', rivalEnt.id);
  expert = await activeSession(t, 'tt_expert', 'expert', ids.clean);
  otherExpert = await activeSession(t, 'tt_expert_2', 'expert', ids.other);
}, 240_000);
afterAll(async () => t?.close());

describe('listings and introductions', () => {
  it('a platform account publishes for its own platform whatever the body names', async () => {
    const r = await as(t, provider)('POST', '/api/tech-transfer/listings', listingBody({ ownerName: '别人的机构' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ ownerName: '成果测试中试平台', canManage: true, trl: 6, node: { code: 'bm-antibody' } });
    ids.listing = r.json().id;
    const u = await as(t, commission)('POST', '/api/tech-transfer/listings', listingBody({ title: '秸秆制备生物基丁二酸工艺', summary: '以玉米秸秆水解糖为碳源发酵生产丁二酸的工艺包。', domainCode: 'bioenergy-env', nodeCode: null, keywords: ['丁二酸'], ownerName: '某大学化工学院', ownerPlatformId: null }));
    expect(u.statusCode, u.body).toBe(201);
    ids.unrelated = u.json().id;
  });

  it('another platform cannot change it; the owner can', async () => {
    const other = await as(t, otherProvider)('PUT', `/api/tech-transfer/listings/${ids.listing}`, { ...listingBody(), version: 1 });
    expect(other.statusCode).toBe(403);
    const own = await as(t, provider)('PUT', `/api/tech-transfer/listings/${ids.listing}`, { ...listingBody({ trl: 7 }), version: 1 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ trl: 7, version: 2 });
  });

  it('shares contacts only after the owner accepts an introduction', async () => {
    const before = await as(t, buyer)('GET', `/api/tech-transfer/listings/${ids.listing}`);
    expect(before.json().contact).toBeNull();
    const req = await as(t, buyer)('POST', `/api/tech-transfer/listings/${ids.listing}/introductions`, { message: '希望获得许可用于单抗纯化', contactName: '李经理', contactPhone: '13900000000' });
    expect(req.statusCode, req.body).toBe(201);
    expect((await as(t, buyer)('POST', `/api/tech-transfer/listings/${ids.listing}/introductions`, { message: '再次申请' })).json().error.code).toBe('INTRODUCTION_EXISTS');
    const pending = (await as(t, provider)('GET', '/api/tech-transfer/introductions')).json().items;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ canDecide: true, contact: null });
    expect((await as(t, otherProvider)('GET', '/api/tech-transfer/introductions')).json().items).toEqual([]);
    expect((await as(t, rival)('GET', '/api/tech-transfer/introductions')).json().items).toEqual([]);
    expect((await as(t, otherProvider)('POST', `/api/tech-transfer/introductions/${pending[0].id}/accept`, { version: 1 })).statusCode).toBe(404);
    const accepted = await as(t, provider)('POST', `/api/tech-transfer/introductions/${pending[0].id}/accept`, { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().contact).toEqual({ name: '李经理', phone: '13900000000' });
    const after = await as(t, buyer)('GET', `/api/tech-transfer/listings/${ids.listing}`);
    expect(after.json()).toMatchObject({ contact: { name: '王工', phone: '021-57000001' }, myIntroduction: 'accepted' });
    expect((await as(t, rival)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json().contact).toBeNull();
    const inbox = await t.deps.database.query<{ kind: string }>(`SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username IN ('tt_provider', 'tt_buyer') ORDER BY n.kind`);
    expect(inbox.map((n) => n.kind)).toEqual(['tech.introduction-decided', 'tech.introduction-requested']);
  });
});

describe('challenges', () => {
  it('are pushed to matching listings only, with the reasons, and the owner responds', async () => {
    const r = await as(t, rival)('POST', '/api/tech-transfer/challenges', { title: '寻求抗体下游纯化降本方案', description: '现有层析步骤收率偏低，寻求高载量介质或连续层析工艺。', domainCode: 'biomedicine', nodeCode: 'bm-antibody', keywords: ['层析', '纯化'] });
    expect(r.statusCode, r.body).toBe(201);
    const detail = r.json();
    expect(detail.matches.map((m: { listingId: string }) => m.listingId)).toEqual([ids.listing]);
    expect(detail.matches[0].reasons.map((x: { kind: string }) => x.kind)).toEqual(['same-node', 'same-domain', 'keyword', 'keyword']);
    const asOwner = (await as(t, provider)('GET', `/api/tech-transfer/challenges/${detail.id}`)).json();
    expect(asOwner.matches[0].canRespond).toBe(true);
    expect((await as(t, otherProvider)('GET', `/api/tech-transfer/challenges/${detail.id}`)).json().matches).toEqual([]);
    expect((await as(t, otherProvider)('POST', `/api/tech-transfer/challenges/${detail.id}/responses`, { listingId: ids.listing, note: '可提供' })).statusCode).toBe(404);
    const resp = await as(t, provider)('POST', `/api/tech-transfer/challenges/${detail.id}/responses`, { listingId: ids.listing, note: '我平台介质已在两家企业验证，可提供样品。' });
    expect(resp.statusCode, resp.body).toBe(201);
    expect(resp.json().responseList).toHaveLength(1);
    const pushed = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'tt_provider' AND n.kind = 'tech.challenge-pushed'`);
    expect(pushed[0]!.n).toBe(1);
  });
});

describe('expert evaluation with conflicts (回避)', () => {
  let evaluationId = '';
  it('does not offer conflicted experts and says why', async () => {
    const r = await as(t, commission)('GET', `/api/tech-transfer/evaluations/candidates?listingId=${ids.listing}`);
    expect(r.statusCode, r.body).toBe(200);
    const { offered, excluded } = r.json();
    expect(offered.map((o: { id: string; fieldMatch: boolean }) => [o.id, o.fieldMatch])).toEqual([[ids.clean, true], [ids.other, false]]);
    const byId = new Map(excluded.map((x: { id: string; reasons: unknown[] }) => [x.id, x.reasons]));
    expect(byId.get(ids.conflicted)).toEqual([{ kind: 'declared-conflict', enterpriseName: buyerEnt.name, relation: '持有该企业股份', party: 'requester' }]);
    expect(byId.get(ids.ownerConflicted)).toEqual([{ kind: 'declared-conflict', enterpriseName: operatorEnt.name, relation: '曾任该企业技术顾问', party: 'owner' }]);
  });

  it('refuses to assign a conflicted expert even by a hand-made request', async () => {
    const r = await as(t, commission)('POST', '/api/tech-transfer/evaluations', { listingId: ids.listing, expertIds: [ids.clean, ids.conflicted] });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('EXPERT_CONFLICTED');
    expect(r.json().error.message).toContain('持有该企业股份');
    expect((await as(t, commission)('GET', `/api/tech-transfer/evaluations?listingId=${ids.listing}`)).json().items).toEqual([]);
  });

  it('the assigned expert alone sees and scores it; the total is the rubric’s weighted mean', async () => {
    const r = await as(t, commission)('POST', '/api/tech-transfer/evaluations', { listingId: ids.listing, expertIds: [ids.clean] });
    expect(r.statusCode, r.body).toBe(201);
    evaluationId = r.json().items[0].id;
    expect((await as(t, otherExpert)('GET', '/api/tech-transfer/evaluations')).json().items).toEqual([]);
    expect((await as(t, otherExpert)('GET', `/api/tech-transfer/evaluations/${evaluationId}`)).statusCode).toBe(404);
    const mine = (await as(t, expert)('GET', '/api/tech-transfer/evaluations')).json().items;
    expect(mine.map((e: { id: string; canScore: boolean }) => [e.id, e.canScore])).toEqual([[evaluationId, true]]);
    expect((await as(t, expert)('GET', `/api/tech-transfer/listings/${ids.listing}`)).statusCode).toBe(403);
    const partial = await as(t, expert)('POST', `/api/tech-transfer/evaluations/${evaluationId}/scores`, { scores: [{ criterion: 'novelty', score: 8 }], version: 1 });
    expect(partial.statusCode).toBe(400);
    expect((await as(t, otherExpert)('POST', `/api/tech-transfer/evaluations/${evaluationId}/scores`, { scores: [{ criterion: 'novelty', score: 8 }], version: 1 })).statusCode).toBe(404);
    const scores = [
      { criterion: 'novelty', score: 8 },
      { criterion: 'maturity', score: 6 },
      { criterion: 'ip', score: 10 },
      { criterion: 'market', score: 4 },
      { criterion: 'fit', score: 7 },
    ];
    const done = await as(t, expert)('POST', `/api/tech-transfer/evaluations/${evaluationId}/scores`, { scores, comment: '技术成熟，建议推进许可。', version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    // (25·8 + 20·6 + 20·10 + 20·4 + 15·7) / 100 × 10
    expect(done.json()).toMatchObject({ status: 'submitted', total: 70.5, canScore: false });
    expect((await as(t, expert)('POST', `/api/tech-transfer/evaluations/${evaluationId}/scores`, { scores, version: 2 })).json().error.code).toBe('INVALID_STATE');
  });

  it('the commission and the leader see the results; others do not', async () => {
    for (const s of [commission, leader]) {
      const detail = (await as(t, s)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json();
      expect(detail.evaluation.summary).toEqual({ submitted: 1, pending: 0, mean: 70.5, min: 70.5, max: 70.5 });
      expect(detail.evaluation.items[0].scores).toHaveLength(5);
    }
    expect((await as(t, department)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json().evaluation).toBeNull();
    expect((await as(t, provider)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json().evaluation).toBeNull();
    const audit = await t.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'tech-%' ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['tech-listing.create', 'tech-listing.create', 'tech-listing.update', 'tech-introduction.request', 'tech-introduction.accept', 'tech-challenge.create', 'tech-challenge.respond', 'tech-evaluation.assign', 'tech-evaluation.submit']);
  });
});

describe('deals to enterprise and project', () => {
  it('shows a listing’s path to output: deal → enterprise → project', async () => {
    await t.deps.database.db.insert(projects).values({ code: 'TT-PRJ-1', name: '抗体纯化介质产业化项目', investorName: buyerEnt.name, investorEnterpriseId: buyerEnt.id, stage: 'signed', expectedAnnualOutput: '52000.0000' });
    const r = await as(t, provider)('POST', '/api/tech-transfer/deals', { listingId: ids.listing, enterpriseUscc: buyerEnt.uscc, kind: 'licence', status: 'signed', amount: '850.00', signedOn: '2026-03-01', projectCode: 'TT-PRJ-1' });
    // a platform account does not read the projects registry: it cannot link a project
    expect(r.statusCode).toBe(400);
    const ok = await as(t, commission)('POST', '/api/tech-transfer/deals', { listingId: ids.listing, enterpriseUscc: buyerEnt.uscc, kind: 'licence', status: 'signed', amount: '850.00', financingAmount: '3000.50', financingSource: '区产业引导基金', signedOn: '2026-03-01', projectCode: 'TT-PRJ-1' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ amount: '850.00', financingAmount: '3000.50', project: { code: 'TT-PRJ-1', stage: 'signed', expectedAnnualOutput: '52000.0000' } });
    const asBuyer = (await as(t, buyer)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json();
    expect(asBuyer.dealList[0]).toMatchObject({ enterprise: { name: buyerEnt.name }, project: { code: 'TT-PRJ-1' } });
    const asOwner = (await as(t, provider)('GET', `/api/tech-transfer/listings/${ids.listing}`)).json();
    // the owner sees the deal but not the enterprise's investment project (projects registry scope)
    expect(asOwner.dealList[0].project).toBeNull();
    expect((await as(t, rival)('GET', '/api/tech-transfer/deals')).json().items).toEqual([]);
    expect((await as(t, otherProvider)('POST', '/api/tech-transfer/deals', { listingId: ids.listing, enterpriseUscc: buyerEnt.uscc, kind: 'licence', status: 'negotiating' })).statusCode).toBe(404);
  });

  it('edits a deal: the owner platform keeps the project link it cannot see; signing a transfer takes the listing off the market', async () => {
    const [deal] = (await as(t, commission)('GET', '/api/tech-transfer/deals')).json().items;
    expect(deal.project.code).toBe('TT-PRJ-1');
    // a signed deal needs its date, on edit as on recording (message in both languages)
    const undated = await as(t, provider)('PUT', `/api/tech-transfer/deals/${deal.id}`, { kind: 'licence', status: 'signed', amount: '900.00', version: deal.version });
    expect(undated.statusCode).toBe(400);
    expect(undated.json().error.details[0]).toMatchObject({ path: 'body.signedOn', message: '已签约的交易请填写签约日期', messageEn: 'A signed deal needs its signing date' });
    expect((await as(t, otherProvider)('PUT', `/api/tech-transfer/deals/${deal.id}`, { kind: 'licence', status: 'terminated', version: deal.version })).statusCode).toBe(404);
    expect((await as(t, buyer)('PUT', `/api/tech-transfer/deals/${deal.id}`, { kind: 'licence', status: 'terminated', version: deal.version })).statusCode).toBe(403);
    const edited = await as(t, provider)('PUT', `/api/tech-transfer/deals/${deal.id}`, { kind: 'licence', status: 'signed', amount: '900.00', signedOn: '2026-03-02', version: deal.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ amount: '900.00', signedOn: '2026-03-02', version: deal.version + 1 });
    const stillLinked = (await as(t, commission)('GET', '/api/tech-transfer/deals')).json().items.find((d: { id: string }) => d.id === deal.id);
    expect(stillLinked.project?.code).toBe('TT-PRJ-1');
    expect((await as(t, provider)('PUT', `/api/tech-transfer/deals/${deal.id}`, { kind: 'licence', status: 'signed', signedOn: '2026-03-02', version: deal.version })).json().error.code).toBe('STALE_VERSION');

    const negotiating = await as(t, commission)('POST', '/api/tech-transfer/deals', { listingId: ids.unrelated, enterpriseUscc: buyerEnt.uscc, kind: 'transfer', status: 'negotiating', amount: '120.00' });
    expect(negotiating.statusCode, negotiating.body).toBe(201);
    expect((await as(t, commission)('GET', `/api/tech-transfer/listings/${ids.unrelated}`)).json().status).toBe('active');
    const signed = await as(t, commission)('PUT', `/api/tech-transfer/deals/${negotiating.json().id}`, { kind: 'transfer', status: 'signed', amount: '120.00', signedOn: '2026-04-01', version: negotiating.json().version });
    expect(signed.statusCode, signed.body).toBe(200);
    expect((await as(t, commission)('GET', `/api/tech-transfer/listings/${ids.unrelated}`)).json().status).toBe('transferred');
    const audit = await t.deps.database.query<{ action: string; after: { status: string } }>(`SELECT action, after FROM audit_log WHERE object_type = 'tech-deal' AND action = 'tech-deal.update' ORDER BY seq`);
    expect(audit.map((a) => a.after.status)).toEqual(['signed', 'signed']);
  });
});
