import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeCandidates, TargetView } from '../../../../contracts/attraction.ts';
import type { ChainMapView } from '../../../../contracts/chain-map.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { rowsOf } from '../../db/rows.ts';
import { todayIso } from '../registry-common/index.ts';
import { signingsThatClosedGaps } from './attraction-report.ts';

/**
 * The attraction pipeline end to end through the API: the candidate pool, a target assigned by the commission to
 * a park, the park's visit and conversion into a 线索 project carrying the history, the signing that lowers the
 * node's gap, zone fit before signing, and who sees what (the ladder 401 → 400 → 403 → 404 → 200).
 */

let t: TestApp;
const sessions = new Map<string, Session>();
let portId: string;
let candidateId: string;
let targetId: string;
let projectId: string;
const NODE = 'bm-media';

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => as(t, sessions.get(who) ?? null)(method, url, body);
const json = <T>(r: { json: () => unknown }) => r.json() as T;

beforeAll(async () => {
  t = await createTestApp();
  portId = await zoneId(t, 'medicine-port');
  const bay = await zoneId(t, 'materials-bay');
  const touzi = await departmentId(t, 'touzi');
  const enterprise = await createEnterprise(t, '测试企业甲', 'medicine-port');
  const add = async (name: string, role: Role, scope?: string) => sessions.set(name, await activeSession(t, `at_${name}`, role, scope));
  await add('commission', 'commission');
  await add('leader', 'leader');
  await add('park', 'park', portId);
  await add('otherPark', 'park', bay);
  await add('department', 'department', touzi);
  await add('enterprise', 'enterprise', enterprise.id);
}, 120_000);
afterAll(async () => t?.close());

describe('the candidate pool', () => {
  it('refuses without a session, with bad input, and to the enterprise role', async () => {
    expect((await call('nobody', 'GET', '/api/candidates')).statusCode).toBe(401);
    expect((await call('commission', 'POST', '/api/candidates', { name: 'x', chainNodes: [] })).statusCode).toBe(400);
    expect((await call('enterprise', 'GET', '/api/candidates')).statusCode).toBe(403);
    expect((await call('leader', 'POST', '/api/candidates', { name: '某某生物科技', chainNodes: [NODE] })).statusCode).toBe(403);
  });

  it('lets the commission add a candidate with several nodes, products and a source, and every attraction role read it', async () => {
    const r = await call('commission', 'POST', '/api/candidates', {
      name: '苏州某培养基生物科技有限公司',
      chainNodes: [NODE, 'bm-consumables'],
      sizeTier: 'large',
      annualRevenue: 52_000,
      city: '苏州',
      province: '江苏',
      products: ['CHO 无血清培养基', '细胞培养基'],
      source: 'exhibition',
    });
    expect(r.statusCode).toBe(201);
    const c = r.json();
    candidateId = c.id;
    expect(c.domain.code).toBe('biomedicine');
    expect(c.chainNodes.map((n: { code: string }) => n.code)).toEqual([NODE, 'bm-consumables']);
    for (const who of ['leader', 'park', 'department']) {
      const list = json<{ items: { id: string }[] }>(await call(who, 'GET', `/api/candidates?node=${NODE}`));
      expect(list.items.map((i) => i.id)).toContain(candidateId);
    }
  });
});

describe('targets: assign, visit, convert, sign', () => {
  it('ranks the node’s candidates by fit, with the inputs listed', async () => {
    const [node] = await rowsOf<{ id: string }>(t.deps.database.db, sql`SELECT id FROM chain_nodes WHERE code = ${NODE}`);
    const r = json<NodeCandidates>(await call('commission', 'GET', `/api/attraction/nodes/${node!.id}/candidates?zone=medicine-port`));
    const mine = r.items.find((i) => i.candidate.id === candidateId)!;
    const byKey = Object.fromEntries(mine.fit.components.map((c) => [c.key, c]));
    expect(byKey.nodeMatch!.score).toBe(1);
    expect(byKey.scale!.score).toBe(0.8);
    expect(byKey.zoneDomain!.score).toBe(1);
    // Independently: the weighted mean of the listed scores.
    const expected = mine.fit.components.reduce((s, c) => s + c.weight * (c.score ?? 0), 0) / mine.fit.components.filter((c) => c.score !== null).reduce((s, c) => s + c.weight, 0);
    expect(mine.fit.fit).toBeCloseTo(expected, 4);
    expect(byKey.gap!.input).toBe(r.node.gap);
  });

  it('lets only the commission assign to another owner; a park assigns to itself only', async () => {
    const otherZone = await call('park', 'POST', '/api/attraction/targets', { candidateId, node: NODE, owner: { kind: 'zone', zone: 'materials-bay' } });
    expect(otherZone.statusCode, otherZone.body).toBe(403);
    expect(otherZone.json().error.code).toBe('ATTRACTION_OWNER_NOT_YOURS');
    const r = await call('commission', 'POST', '/api/attraction/targets', { candidateId, node: NODE, owner: { kind: 'zone', zone: 'medicine-port' }, plan: '三个月内完成首次走访', nextStep: '走访', nextOn: '2026-12-20' });
    expect(r.statusCode, r.body).toBe(201);
    const target = r.json() as TargetView;
    targetId = target.id;
    expect(target.zone?.code).toBe('medicine-port');
    expect((await call('commission', 'POST', '/api/attraction/targets', { candidateId, node: NODE, owner: { kind: 'commission' } })).json().error.code).toBe('ATTRACTION_TARGET_EXISTS');
  });

  it('shows the target to its park, the commission and the leader, not to another park or a department', async () => {
    for (const who of ['commission', 'leader', 'park']) expect((await call(who, 'GET', `/api/attraction/targets/${targetId}`)).statusCode).toBe(200);
    for (const who of ['otherPark', 'department']) {
      expect((await call(who, 'GET', `/api/attraction/targets/${targetId}`)).statusCode).toBe(404);
      const list = json<{ items: { id: string }[] }>(await call(who, 'GET', '/api/attraction/targets'));
      expect(list.items.map((i) => i.id)).not.toContain(targetId);
    }
    expect((await call('enterprise', 'GET', '/api/attraction/targets')).statusCode).toBe(403);
    // The list carries each target's fit score, the same number as the target's page (computed with its inputs).
    for (const who of ['commission', 'park']) {
      const listed = json<{ items: { id: string; fit: number | null }[] }>(await call(who, 'GET', '/api/attraction/targets')).items.find((i) => i.id === targetId)!;
      const detail = json<{ fit: { fit: number } }>(await call(who, 'GET', `/api/attraction/targets/${targetId}`));
      expect(listed.fit).toBe(detail.fit.fit);
      expect(listed.fit).toBeGreaterThan(0);
    }
    expect((await call('department', 'POST', `/api/attraction/targets/${targetId}/activities`, { kind: 'visit', occurredOn: '2026-12-01', note: '走访企业总部' })).statusCode).toBe(404);
  });

  it('lets the park log a visit and convert the target into a 线索 project that keeps the history', async () => {
    const visit = await call('park', 'POST', `/api/attraction/targets/${targetId}/activities`, { kind: 'visit', occurredOn: '2026-12-01', note: '走访企业苏州总部，对方有意在金山设厂', nextStep: '邀请来金山考察', nextOn: '2026-12-15' });
    expect(visit.statusCode).toBe(200);
    expect(visit.json().target.nextStep).toBe('邀请来金山考察');
    const version = visit.json().target.version;
    const r = await call('park', 'POST', `/api/attraction/targets/${targetId}/convert`, { version, totalInvestment: 80_000, expectedAnnualOutput: 120_000, spaceNeeds: { areaM2: 20_000, gmp: true, hazardous: false, labExhaust: true } });
    expect(r.statusCode).toBe(200);
    projectId = r.json().projectId;
    expect(r.json().target.status).toBe('converted');
    const project = await call('park', 'GET', `/api/projects/${projectId}`);
    expect(project.statusCode).toBe(200);
    expect(project.json().stage).toBe('lead');
    const followUps = await rowsOf<{ note: string; kind: string }>(t.deps.database.db, sql`SELECT note, kind FROM project_follow_ups WHERE project_id = ${projectId}`);
    expect(followUps).toEqual([{ note: '走访企业苏州总部，对方有意在金山设厂', kind: 'visit' }]);
  });

  it('checks zone fit before signing, and the signing lowers the node’s gap (the report names it)', async () => {
    const fit = await call('commission', 'GET', `/api/attraction/projects/${projectId}/zone-fit`);
    expect(fit.statusCode, fit.body).toBe(200);
    expect(fit.json().issues).not.toContain('domain-mismatch');
    const before = json<ChainMapView>(await call('commission', 'GET', '/api/chain-map?domain=biomedicine')).gaps.find((n) => n.code === NODE)!;
    const project = (await call('commission', 'GET', `/api/projects/${projectId}`)).json();
    const signed = await call('commission', 'POST', `/api/projects/${projectId}/stage`, { toStage: 'signed', occurredOn: todayIso(t.clock.now()), reason: '签约', version: project.version });
    expect(signed.statusCode, signed.body).toBe(200);
    const after = json<ChainMapView>(await call('commission', 'GET', '/api/chain-map?domain=biomedicine')).gaps.find((n) => n.code === NODE)!;
    expect(after.signedProjects).toBe(before.signedProjects + 1);
    expect(after.gap).toBeLessThan(before.gap);
    const [year, month] = todayIso(t.clock.now()).split('-').map(Number);
    const report = await signingsThatClosedGaps(t.deps.database.db, { year: year!, month: month! }, t.clock.now());
    const mine = report.find((s) => s.investor === '苏州某培养基生物科技有限公司')!;
    expect(mine).toMatchObject({ fromTarget: true, gapAfter: after.gap });
    expect(mine.gapBefore).toBeCloseTo(before.gap, 4);
  });

  it('flags a bio-materials project heading for the 生物医药港', async () => {
    const [row] = await rowsOf<{ id: string }>(
      t.deps.database.db,
      sql`INSERT INTO projects (code, name, investor_name, zone_id, domain_id, stage) SELECT 'AT-MAT-1', '可降解材料项目', '某材料公司', ${portId}, id, 'negotiating' FROM domains WHERE code = 'biomaterials' RETURNING id`,
    );
    const r = await call('park', 'PUT', `/api/attraction/projects/${row!.id}/space-needs`, { areaM2: 5_000, gmp: false, hazardous: true, labExhaust: false, version: 0 });
    expect(r.statusCode).toBe(200);
    expect(r.json().issues).toEqual(['domain-mismatch', 'no-hazardous']);
    expect(r.json().ok).toBe(false);
    expect((await call('otherPark', 'GET', `/api/attraction/projects/${row!.id}/zone-fit`)).statusCode).toBe(404);
  });
});
