import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contracts/roles.ts';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../test/fixtures.ts';
import { as, createTestApp, createUser, type Session, type TestApp } from '../../../test/test-app.ts';
import { miniVersionPayload, multipartBody, seedPlanForTest, type PlanFixture } from '../modules/plan/plan-test-helpers.ts';
import { ACCESS_MATRIX, MATRIX_EXEMPT, type MatrixFixtures, type MatrixRequest } from './access-matrix.data.ts';
import { buildRegistryMatrixFixtures, registryKeysIn, type RegistryMatrixFixtures } from './access-matrix.registry-fixtures.ts';
import { buildReportMatrixFixtures, type ReportMatrixFixtures } from './access-matrix.statistics.ts';
import { buildDepartmentMatrixFixtures, type DepartmentMatrixFixtures } from './access-matrix.departments.ts';
import { buildOperationsMatrixFixtures, type OperationsMatrixFixtures } from './access-matrix.operations.ts';
import { buildWarningMatrixFixtures, type WarningMatrixFixtures } from './access-matrix.warnings.ts';
import { buildAnalysisMatrixFixtures, type AnalysisMatrixFixtures } from './access-matrix.analysis.ts';
import { buildSupervisionMatrixFixtures, type SupervisionMatrixFixtures } from './access-matrix.supervision.ts';
import { buildServicesMatrixFixtures, type ServicesMatrixFixtures } from './access-matrix.services.ts';
import { buildTechTransferMatrixFixtures, type TechTransferMatrixFixtures } from './access-matrix.tech-transfer.ts';
import { buildMatchmakingMatrixFixtures, type MatchmakingMatrixFixtures } from './access-matrix.matchmaking.ts';
import { declaredRoutes } from './route.ts';
import { credentialResets, enterpriseChainNodes } from '../db/schema/index.ts';
import type { ChainMapMatrixFixtures } from './access-matrix.chain-map.ts';
import { buildCarrierLadderMatrixFixtures, type CarrierLadderMatrixFixtures } from './access-matrix.carrier-ladder.ts';
import { buildAttractionMatrixFixtures, type AttractionMatrixFixtures } from './access-matrix.attraction.ts';

let t: TestApp;
const sessions = new Map<Role, Session & { userId: string }>();
let fx: MatrixFixtures;
/** The enterprises each role may see, computed from how the fixtures were built (not from the code). */
const expectedVisible = new Map<Role, Set<string>>();
let allUscc: Set<string>;

beforeAll(async () => {
  t = await createTestApp();
  const own = await createEnterprise(t, '矩阵测试甲生物科技有限公司', 'medicine-port');
  const sameZone = await createEnterprise(t, '矩阵测试乙生物科技有限公司', 'medicine-port');
  const foreign = await createEnterprise(t, '矩阵测试丙生物材料有限公司', 'innovation-city');
  allUscc = new Set([own.uscc, sameZone.uscc, foreign.uscc]);
  const scopes: Partial<Record<Role, string>> = {
    department: await departmentId(t, 'kewei'),
    park: await zoneId(t, 'medicine-port'),
    enterprise: own.id,
  };
  for (const role of ROLES) sessions.set(role, await activeSession(t, `m_${role}`, role, scopes[role]));
  for (const role of ['leader', 'commission', 'department'] as const) expectedVisible.set(role, allUscc);
  expectedVisible.set('park', new Set([own.uscc, sameZone.uscc]));
  expectedVisible.set('enterprise', new Set([own.uscc]));
  let n = 0;
  let planFixture: Promise<PlanFixture> | undefined;
  let registryFixture: Promise<RegistryMatrixFixtures> | undefined;
  let reportFixture: Promise<ReportMatrixFixtures> | undefined;
  let departmentFixture: Promise<DepartmentMatrixFixtures> | undefined;
  let operationsFixture: Promise<OperationsMatrixFixtures> | undefined;
  let warningFixture: Promise<WarningMatrixFixtures> | undefined;
  let analysisFixture: Promise<AnalysisMatrixFixtures> | undefined;
  let supervisionFixture: Promise<SupervisionMatrixFixtures> | undefined;
  let chainMapFixture: Promise<ChainMapMatrixFixtures> | undefined;
  let servicesFixture: Promise<ServicesMatrixFixtures> | undefined;
  let techTransferFixture: Promise<TechTransferMatrixFixtures> | undefined;
  let matchmakingFixture: Promise<MatchmakingMatrixFixtures> | undefined;
  let carrierLadderFixture: Promise<CarrierLadderMatrixFixtures> | undefined;
  let attractionFixture: Promise<AttractionMatrixFixtures> | undefined;
  fx = {
    registries: () => (registryFixture ??= buildRegistryMatrixFixtures(t, sessions, { own, foreign })),
    reports: () => (reportFixture ??= buildReportMatrixFixtures(t, sessions, own, foreign)),
    departments: async () => (departmentFixture ??= buildDepartmentMatrixFixtures(t, { own: scopes.department!, foreign: await departmentId(t, 'touzi') })),
    plan: () => (planFixture ??= seedPlanForTest(t)),
    operations: () => (operationsFixture ??= buildOperationsMatrixFixtures(t, { own: own.id, foreign: foreign.id })),
    warnings: () => (warningFixture ??= buildWarningMatrixFixtures(t)),
    analysis: () => (analysisFixture ??= buildAnalysisMatrixFixtures(t)),
    supervision: () => (supervisionFixture ??= buildSupervisionMatrixFixtures(t)),
    chainMap: () =>
      (chainMapFixture ??= (async () => {
        const { nodeId } = await fx.registries();
        const mapped = [own, sameZone, foreign];
        for (const e of mapped) await t.deps.database.db.insert(enterpriseChainNodes).values({ enterpriseId: e.id, nodeId }).onConflictDoNothing();
        return { nodeId, visibleNames: (role: Role) => mapped.filter((e) => expectedVisible.get(role)!.has(e.uscc)).map((e) => e.name) };
      })()),
    services: () => (servicesFixture ??= buildServicesMatrixFixtures(t, { foreign: foreign.id })),
    techTransfer: () => (techTransferFixture ??= buildTechTransferMatrixFixtures(t, { foreign: foreign.id })),
    matchmaking: () => (matchmakingFixture ??= buildMatchmakingMatrixFixtures(t, { foreign: foreign.id })),
    carrierLadder: () => (carrierLadderFixture ??= buildCarrierLadderMatrixFixtures(t, fx)),
    attraction: () => (attractionFixture ??= buildAttractionMatrixFixtures(t)),
    upload: () => multipartBody('policy.txt', '一、发展目标\n到2025年,产业规模突破500亿元。'),
    versionPayload: () => miniVersionPayload('矩阵测试规划'),
    ownEnterpriseId: own.id,
    foreignEnterpriseId: foreign.id,
    targetUserId: async () => (await createUser(t, `target_${n++}`, 'leader')).id,
    pendingCredentialReset: async () => {
      const auditor = await createUser(t, `target_${n++}`, 'auditor');
      const [row] = await t.deps.database.db.insert(credentialResets).values({ userId: auditor.id, kind: 'password', requestedBy: sessions.get('sysadmin')!.userId }).returning();
      return row!.id;
    },
  };
  await fx.registries();
});
afterAll(async () => t?.close());

/** Sends a matrix request; extra headers (a multipart body's content type) when the row needs them. */
function send(session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, request: MatrixRequest) {
  if (!request.headers) return as(t, session)(method, request.url ?? url, request.payload);
  const auth = session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) } : {};
  return t.app.inject({ method, url: request.url ?? url, payload: request.payload as never, headers: { ...request.headers, ...auth } });
}

function parseRoute(route: string) {
  const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
  return { method, url };
}

async function usccsIn(route: string, body: Buffer | string, json: () => { items: { uscc: string }[] }): Promise<string[]> {
  if (!route.endsWith('/export')) return json().items.map((i) => i.uscc);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.worksheets[0]!;
  const values: string[] = [];
  sheet.eachRow((row, index) => {
    if (index > 1) values.push(String(row.getCell(1).value));
  });
  return values;
}

describe('every API route is in the matrix', () => {
  it('has a row (or an explicit exemption) for each declared route, and no stale rows', () => {
    const declared = (declaredRoutes.get(t.app) ?? []).map((r) => `${r.method} ${r.url}`);
    const rows = ACCESS_MATRIX.map((r) => r.route);
    const missing = declared.filter((r) => !rows.includes(r) && !MATRIX_EXEMPT.has(r));
    expect(missing).toEqual([]);
    expect(rows.filter((r) => !declared.includes(r))).toEqual([]);
  });
});

describe.each(ACCESS_MATRIX)('$route', (row) => {
  const { method, url } = parseRoute(row.route);

  it('401 without a session', async () => {
    const request = row.request ? await row.request(fx, null) : {};
    const response = await send(null, method, url, request);
    expect(response.statusCode).toBe(401);
  });

  it.each(ROLES)('%s', async (role) => {
    const request = row.request ? await row.request(fx, role) : {};
    const response = await send(sessions.get(role)!, method, url, request);
    const allowed = (row.allowed as readonly Role[]).includes(role);
    if (!allowed) {
      expect(response.statusCode, response.body).toBe(403);
      // A denial never carries data: only the error envelope.
      expect(Object.keys(response.json())).toEqual(['error']);
      return;
    }
    if (row.check) {
      await row.check(fx, role, response);
      return;
    }
    if (typeof row.objectInScope === 'string') {
      const registries = await fx.registries();
      const foreignVisible = registries.visible[row.objectInScope].get(role)?.size === registries.keys[row.objectInScope].size;
      expect(response.statusCode, response.body).toBe(foreignVisible ? 200 : 404);
      if (!foreignVisible) expect(response.body).not.toContain('矩阵测试丙');
      return;
    }
    if (row.objectInScope) {
      const foreignVisible = expectedVisible.get(role)?.size === allUscc.size;
      expect(response.statusCode, response.body).toBe(foreignVisible ? 200 : 404);
      if (!foreignVisible) expect(response.body).not.toContain('矩阵测试丙');
      return;
    }
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
    expect(response.statusCode, response.body).toBeLessThan(300);
    if (row.scoped === 'enterprises') {
      const seen = (await usccsIn(row.route, response.rawPayload, () => response.json())).filter((u) => allUscc.has(u));
      if (row.scopedMatch === 'subset') expect(seen.filter((u) => !expectedVisible.get(role)!.has(u))).toEqual([]);
      else expect(new Set(seen)).toEqual(expectedVisible.get(role));
    } else if (row.scoped) {
      const kind = row.scoped;
      const registries = await fx.registries();
      const seen = (await registryKeysIn(row.route, response.rawPayload, () => response.json())).filter((k) => registries.keys[kind].has(k));
      expect(new Set(seen)).toEqual(registries.visible[kind].get(role));
    }
  });
});
