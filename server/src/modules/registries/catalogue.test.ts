import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let commission: Session;
let leader: Session;
let park: Session;
let expertRole: Session;
let firm: { id: string; uscc: string };

beforeAll(async () => {
  t = await createTestApp();
  firm = await createEnterprise(t, '载体入驻测试有限公司', 'medicine-port');
  commission = await activeSession(t, 'cat_commission', 'commission');
  leader = await activeSession(t, 'cat_leader', 'leader');
  park = await activeSession(t, 'cat_park', 'park', await zoneId(t, 'medicine-port'));
  expertRole = await activeSession(t, 'cat_expert', 'expert');
});
afterAll(async () => t?.close());

describe('carriers', () => {
  it('computes occupancy from occupants present today and records move-outs', async () => {
    const created = (await as(t, park)('POST', '/api/carriers', { name: '测试孵化器', type: 'incubator', totalArea: 2000, leasableArea: 1000 })).json();
    expect(created.zone.code).toBe('medicine-port');
    const added = (await as(t, park)('POST', `/api/carriers/${created.id}/occupants`, { enterpriseUscc: firm.uscc, moveInOn: '2023-01-01', leasedArea: 400 })).json();
    expect(added).toMatchObject({ leasedArea: 400, occupancyRate: 0.4, occupantCount: 1 });
    const moved = (await as(t, park)('PUT', `/api/carriers/${created.id}/occupants/${added.occupants[0].id}`, { moveOutOn: '2024-01-01' })).json();
    expect(moved).toMatchObject({ leasedArea: 0, occupancyRate: 0 });
    const outside = await as(t, park)('POST', '/api/carriers', { name: '外区载体', type: 'incubator', zone: 'innovation-city' });
    expect(outside.statusCode).toBe(403);
    const sorted = (await as(t, commission)('GET', '/api/carriers?sort=occupancyRate&order=asc')).json();
    expect(sorted.items[0].occupancyRate === null || sorted.items[0].occupancyRate <= sorted.items.at(-1).occupancyRate).toBe(true);
    expect((await as(t, park)('GET', '/api/carriers')).json().items.every((c: { zone: { code: string } }) => c.zone.code === 'medicine-port')).toBe(true);
  });
});

describe('experts', () => {
  it('shows contacts to the commission only, conflicts to the commission and leaders only, in history too', async () => {
    const created = await as(t, commission)('POST', '/api/experts', {
      code: 'ZJ-T1',
      name: '测试专家',
      domains: ['biomedicine'],
      phone: '13700000000',
      conflicts: [{ enterpriseUscc: firm.uscc, relation: '曾任技术顾问' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const forCommission = (await as(t, commission)('GET', `/api/experts/${id}`)).json();
    expect(forCommission).toMatchObject({ phone: '137****0000', conflicts: [{ enterprise: { uscc: firm.uscc }, relation: '曾任技术顾问' }] });
    expect((await as(t, leader)('GET', `/api/experts/${id}`)).json()).toMatchObject({ phone: null, conflicts: [{ relation: '曾任技术顾问' }] });
    const forExpert = (await as(t, expertRole)('GET', `/api/experts/${id}`)).json();
    expect(forExpert).toMatchObject({ phone: null, email: null, conflicts: null });
    await as(t, commission)('PUT', `/api/experts/${id}`, { ...(created.json() as object), domains: ['biomedicine'], conflicts: [], phone: '13711111111', version: 1, code: 'ZJ-T1' });
    const history = JSON.stringify((await as(t, park)('GET', `/api/experts/${id}/history`)).json());
    expect(history).not.toContain('1371111');
    expect(history).not.toContain('曾任技术顾问');
    // The commission sees the change, masked as everywhere (the clear number only through the audited reveal).
    const forCommissionHistory = JSON.stringify((await as(t, commission)('GET', `/api/experts/${id}/history`)).json());
    expect(forCommissionHistory).toContain('137****1111');
    expect(forCommissionHistory).not.toContain('13711111111');
  });
});

describe('platforms and chains', () => {
  it('platforms: every business role reads, only the commission writes', async () => {
    const created = await as(t, commission)('POST', '/api/platforms', { name: '测试检测平台', kind: 'testing', operatorUscc: firm.uscc, services: ['理化检测'] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().operator).toMatchObject({ uscc: firm.uscc });
    expect((await as(t, expertRole)('GET', '/api/platforms?q=理化')).json().items.map((p: { name: string }) => p.name)).toContain('测试检测平台');
    expect((await as(t, park)('POST', '/api/platforms', { name: '园区平台', kind: 'rd' })).statusCode).toBe(403);
  });

  it('chains: templates seeded from the reference data, node counts within the caller’s scope, editable by the commission', async () => {
    const own = await as(t, commission)('PUT', `/api/enterprises/${firm.id}`, { uscc: firm.uscc, name: '载体入驻测试有限公司', zone: 'medicine-port', chainNodes: ['bm-media'], version: 1 });
    expect(own.statusCode, own.body).toBe(200);
    const foreign = await createEnterprise(t, '外区培养基有限公司', 'innovation-city');
    await as(t, commission)('PUT', `/api/enterprises/${foreign.id}`, { uscc: foreign.uscc, name: '外区培养基有限公司', zone: 'innovation-city', chainNodes: ['bm-media'], version: 1 });
    const chains = (await as(t, commission)('GET', '/api/chains')).json().items;
    expect(chains.map((c: { code: string }) => c.code)).toEqual(['chain-biomedicine', 'chain-biomaterials', 'chain-bioagri-food', 'chain-bioenergy-env']);
    const media = (items: { nodes: { code: string; enterpriseCount: number; id: string }[] }[]) => items[0]!.nodes.find((n) => n.code === 'bm-media')!;
    expect(media(chains).enterpriseCount).toBe(2);
    expect(media((await as(t, park)('GET', '/api/chains')).json().items).enterpriseCount).toBe(1);
    const members = (await as(t, park)('GET', `/api/chains/nodes/${media(chains).id}`)).json();
    expect(members.enterprises.map((e: { name: string }) => e.name)).toEqual(['载体入驻测试有限公司']);
    const added = await as(t, commission)('POST', `/api/chains/${chains[0].id}/nodes`, { nameZh: '合成生物学工具', nameEn: 'Synthetic biology tools', stage: 'upstream' });
    expect(added.json().items[0].nodes.map((n: { nameZh: string }) => n.nameZh)).toContain('合成生物学工具');
    expect((await as(t, park)('POST', `/api/chains/${chains[0].id}/nodes`, { nameZh: '越权节点', nameEn: 'Not allowed', stage: 'upstream' })).statusCode).toBe(403);
  });
});
