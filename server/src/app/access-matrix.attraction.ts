import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { departmentId, zoneId } from '../../../test/fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { rowsOf } from '../db/rows.ts';
import { attractionTargets, candidateCompanies, projectSpaceNeeds } from '../db/schema/index.ts';
import type { MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the attraction pipeline (issue 13 §3). The fixture holds a candidate and two targets: one owned
 * by the matrix park's zone (生物医药港), one by the matrix department (区科委). The commission and the leader see
 * both, the park only its own, the department only its own; enterprises, providers and administrators nothing.
 */
export interface AttractionMatrixFixtures {
  candidateId: string;
  nodeId: string;
  parkTargetId: string;
  departmentTargetId: string;
  /** A fresh open target the role owns (for conversions and assignments that close or claim one). */
  freshTarget: (role: Role) => Promise<string>;
  freshCandidate: () => Promise<string>;
  candidateVersion: () => Promise<number>;
  targetVersion: (id: string) => Promise<number>;
  needsVersion: (projectId: string) => Promise<number>;
}

const READERS = ['leader', 'commission', 'department', 'park'] as const;
const WRITERS = ['commission', 'department', 'park'] as const;

export async function buildAttractionMatrixFixtures(t: TestApp): Promise<AttractionMatrixFixtures> {
  const db = t.deps.database.db;
  const port = await zoneId(t, 'medicine-port');
  const kewei = await departmentId(t, 'kewei');
  const [node] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM chain_nodes WHERE code = 'bm-media'`);
  let n = 0;
  const freshCandidate = async () => {
    const [row] = await db.insert(candidateCompanies).values({ code: `mx-cand-${++n}`, name: `矩阵候选企业${n}`, nodeId: node!.id, sizeTier: 'medium' }).returning({ id: candidateCompanies.id });
    await db.execute(sql`INSERT INTO candidate_chain_nodes (candidate_id, node_id) VALUES (${row!.id}, ${node!.id})`);
    return row!.id;
  };
  const target = async (owner: { kind: 'zone' | 'department' | 'commission'; zoneId?: string; departmentId?: string }) => {
    const [row] = await db
      .insert(attractionTargets)
      .values({ candidateId: await freshCandidate(), nodeId: node!.id, zoneId: port, ownerKind: owner.kind, ownerZoneId: owner.zoneId ?? null, ownerDepartmentId: owner.departmentId ?? null, assignedOn: '2026-01-05' })
      .returning({ id: attractionTargets.id });
    return row!.id;
  };
  const parkTargetId = await target({ kind: 'zone', zoneId: port });
  // The department's target heads for another zone, so the matrix park does not see it through its zone either.
  const departmentTargetId = await target({ kind: 'department', departmentId: kewei });
  await db.execute(sql`UPDATE attraction_targets SET zone_id = (SELECT id FROM zones WHERE code = 'innovation-city') WHERE id = ${departmentTargetId}`);
  const candidateId = await freshCandidate();
  return {
    candidateId,
    nodeId: node!.id,
    parkTargetId,
    departmentTargetId,
    freshCandidate,
    freshTarget: (role) => (role === 'park' ? target({ kind: 'zone', zoneId: port }) : role === 'department' ? target({ kind: 'department', departmentId: kewei }) : target({ kind: 'commission' })),
    candidateVersion: async () => (await db.select({ v: candidateCompanies.version }).from(candidateCompanies).where(eq(candidateCompanies.id, candidateId)))[0]!.v,
    targetVersion: async (id) => (await db.select({ v: attractionTargets.version }).from(attractionTargets).where(eq(attractionTargets.id, id)))[0]!.v,
    needsVersion: async (projectId) => (await db.select({ v: projectSpaceNeeds.version }).from(projectSpaceNeeds).where(eq(projectSpaceNeeds.projectId, projectId)))[0]?.v ?? 0,
  };
}

/** The target a writing role owns among the fixture's two (the commission owns all). */
const ownTarget = (fx: AttractionMatrixFixtures, role: Role | null) => (role === 'department' ? fx.departmentTargetId : fx.parkTargetId);
const visibleTargets = (fx: AttractionMatrixFixtures, role: Role) =>
  role === 'park' ? [fx.parkTargetId] : role === 'department' ? [fx.departmentTargetId] : [fx.parkTargetId, fx.departmentTargetId];
const activity = { kind: 'visit', occurredOn: '2026-02-01', note: '矩阵走访记录' };

export const ATTRACTION_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/candidates', allowed: READERS, request: async (fx) => ((await fx.attraction()), {}) },
  { route: 'GET /api/candidates/:id', allowed: READERS, request: async (fx) => ({ url: `/api/candidates/${(await fx.attraction()).candidateId}` }) },
  { route: 'POST /api/candidates', allowed: WRITERS, request: () => ({ payload: { name: '矩阵新建候选企业', chainNodes: ['bm-media'] } }) },
  {
    route: 'PUT /api/candidates/:id',
    allowed: WRITERS,
    request: async (fx) => {
      const a = await fx.attraction();
      return { url: `/api/candidates/${a.candidateId}`, payload: { name: '矩阵候选企业（改）', chainNodes: ['bm-media'], version: await a.candidateVersion() } };
    },
  },
  { route: 'POST /api/candidates/:id/contacts', allowed: WRITERS, request: async (fx) => ({ url: `/api/candidates/${(await fx.attraction()).candidateId}/contacts`, payload: activity }) },
  { route: 'GET /api/attraction/nodes/:id/candidates', allowed: READERS, request: async (fx) => ({ url: `/api/attraction/nodes/${(await fx.attraction()).nodeId}/candidates` }) },
  {
    route: 'GET /api/attraction/targets',
    allowed: READERS,
    request: async (fx) => ((await fx.attraction()), { url: '/api/attraction/targets?pageSize=200' }),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(200);
      const a = await fx.attraction();
      const seen = (r.json().items as { id: string }[]).map((i) => i.id).filter((id) => id === a.parkTargetId || id === a.departmentTargetId);
      expect(seen.sort()).toEqual(visibleTargets(a, role).sort());
    },
  },
  {
    route: 'GET /api/attraction/targets/:id',
    allowed: READERS,
    request: async (fx) => ({ url: `/api/attraction/targets/${(await fx.attraction()).parkTargetId}` }),
    check: async (fx, role, r) => {
      expect(r.statusCode, r.body).toBe(role === 'department' ? 404 : 200);
      if (role === 'department') expect(r.body).not.toContain('矩阵候选企业');
    },
  },
  {
    route: 'POST /api/attraction/targets',
    allowed: WRITERS,
    request: async (fx, role) => {
      const owner = role === 'park' ? { kind: 'zone', zone: 'medicine-port' } : role === 'department' ? { kind: 'department', department: 'kewei' } : { kind: 'zone', zone: 'medicine-port' };
      return { payload: { candidateId: await (await fx.attraction()).freshCandidate(), node: 'bm-media', owner } };
    },
  },
  {
    route: 'PUT /api/attraction/targets/:id',
    allowed: WRITERS,
    request: async (fx, role) => {
      const a = await fx.attraction();
      const id = ownTarget(a, role);
      const owner = role === 'department' ? { kind: 'department', department: 'kewei' } : { kind: 'zone', zone: 'medicine-port' };
      return { url: `/api/attraction/targets/${id}`, payload: { owner, zone: role === 'department' ? 'innovation-city' : 'medicine-port', plan: '矩阵计划', status: 'open', version: await a.targetVersion(id) } };
    },
  },
  { route: 'POST /api/attraction/targets/:id/activities', allowed: WRITERS, request: async (fx, role) => ({ url: `/api/attraction/targets/${ownTarget(await fx.attraction(), role)}/activities`, payload: activity }) },
  {
    route: 'POST /api/attraction/targets/:id/convert',
    allowed: WRITERS,
    request: async (fx, role) => {
      const a = await fx.attraction();
      const id = role && (WRITERS as readonly string[]).includes(role) ? await a.freshTarget(role) : a.parkTargetId;
      return { url: `/api/attraction/targets/${id}/convert`, payload: { version: 1 } };
    },
  },
  { route: 'GET /api/attraction/projects/:id/zone-fit', allowed: READERS, request: async (fx) => ({ url: `/api/attraction/projects/${(await fx.registries()).ownProjectId}/zone-fit` }) },
  {
    route: 'PUT /api/attraction/projects/:id/space-needs',
    allowed: WRITERS,
    request: async (fx) => {
      const id = (await fx.registries()).ownProjectId;
      return { url: `/api/attraction/projects/${id}/space-needs`, payload: { areaM2: 1000, gmp: true, hazardous: false, labExhaust: true, version: await (await fx.attraction()).needsVersion(id) } };
    },
  },
];
