import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession } from '../../../test/fixtures.ts';
import { as, type TestApp } from '../../../test/test-app.ts';
import { experts, platforms, techDeals, techEvaluations, techIntroductions, techListings } from '../db/schema/index.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of technology transfer (issue 14 §3). The foreign objects: a listing of a platform that is not the
 * matrix platform account's, the foreign enterprise's introduction, challenge and deal on it, and an evaluation
 * assigned to an expert who is not the matrix expert account. Listings and challenges are published (every
 * reader sees them); introductions, deals and evaluations only the district (leader and commission) sees.
 */
export interface TechTransferMatrixFixtures {
  listingId: string;
  evaluationId: string;
  dealId: string;
  foreignUscc: string;
  foreignIntroduction: () => Promise<string>;
  foreignChallenge: () => Promise<string>;
  freshExpert: () => Promise<string>;
  /** The current version of the foreign listing / deal (the commission's update moves it on). */
  version: (table: 'tech_listings' | 'tech_deals', id: string) => Promise<number>;
}

export async function buildTechTransferMatrixFixtures(t: TestApp, ids: { foreign: string }): Promise<TechTransferMatrixFixtures> {
  const db = t.deps.database.db;
  const [platform] = await db.insert(platforms).values({ code: 'mx-tt-platform', name: '矩阵成果平台', kind: 'rd' }).returning();
  const [listing] = await db
    .insert(techListings)
    .values({ code: 'MX-CG-1', kind: 'technology', title: '矩阵成果:抗体层析介质', summary: '矩阵测试用的非保密摘要。', ownerPlatformId: platform!.id, ownerName: '矩阵成果平台', trl: 5, partnerships: ['licence'], ipStatus: 'granted', keywords: ['层析'], contactName: '矩阵联系人', contactPhone: '021-99990000' })
    .returning();
  const [expert] = await db.insert(experts).values({ code: 'MX-TT-E1', name: '矩阵测试丙评审专家', domainCodes: ['biomedicine'] }).returning();
  const [evaluation] = await db.insert(techEvaluations).values({ listingId: listing!.id, expertId: expert!.id, assignedAt: t.clock.now() }).returning();
  const [deal] = await db.insert(techDeals).values({ listingId: listing!.id, enterpriseId: ids.foreign, kind: 'licence', status: 'negotiating', amount: '100.00' }).returning();
  const foreignUser = await activeSession(t, 'mx_tt_foreign', 'enterprise', ids.foreign);
  const [{ uscc }] = (await t.deps.database.query<{ uscc: string }>('SELECT uscc FROM enterprises WHERE id = $1', [ids.foreign])) as [{ uscc: string }];
  let n = 0;
  return {
    listingId: listing!.id,
    evaluationId: evaluation!.id,
    dealId: deal!.id,
    foreignUscc: uscc,
    async foreignIntroduction() {
      // a fresh listing each time: one live introduction per enterprise and listing
      const [l] = await db.insert(techListings).values({ code: `MX-CG-I${n++}`, kind: 'patent', title: '矩阵成果:另一项专利', summary: '摘要。', ownerPlatformId: platform!.id, ownerName: '矩阵成果平台', trl: 4, partnerships: ['transfer'], ipStatus: 'pending' }).returning();
      const [row] = await db.insert(techIntroductions).values({ listingId: l!.id, enterpriseId: ids.foreign, message: '矩阵测试丙的对接申请' }).returning();
      return row!.id;
    },
    async foreignChallenge() {
      const r = await as(t, foreignUser)('POST', '/api/tech-transfer/challenges', { title: '矩阵测试丙的技术需求', description: '寻求层析介质国产替代方案。', keywords: ['层析', '抗体', '介质'] });
      return r.json().id as string;
    },
    async version(table, id) {
      const [row] = await t.deps.database.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]);
      return row!.version;
    },
    async freshExpert() {
      const [e] = await db.insert(experts).values({ code: `MX-TT-F${n++}`, name: '矩阵新专家', domainCodes: ['biomedicine'] }).returning();
      return e!.id;
    },
  };
}

const READERS = ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'] as const;
const EVALUATION_READERS = ['leader', 'commission', 'expert'] as const;
const SEES_ALL = new Set<Role>(['leader', 'commission']);
const tt = (fx: MatrixFixtures) => fx.techTransfer();

function foreignRowsOnlyForAll(_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(200);
  if (SEES_ALL.has(role)) expect(response.body).toContain('矩阵测试丙');
  else expect(response.body).not.toContain('矩阵测试丙');
}
/** The commission acts on the foreign object; the matrix platform account (not its owner) gets `other`. */
const commissionOnly = (ok: number, other: number) => (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) =>
  expect(response.statusCode, response.body).toBe(role === 'commission' ? ok : other);

export const TECH_TRANSFER_MATRIX_ROWS: MatrixRow[] = [
  {
    route: 'GET /api/tech-transfer/listings',
    allowed: READERS,
    request: async (fx) => (await tt(fx), {}),
    check: (_fx, role, response) => {
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toContain('矩阵成果:抗体层析介质');
      if (!SEES_ALL.has(role)) expect(response.body).not.toContain('021-99990000');
    },
  },
  {
    route: 'GET /api/tech-transfer/listings/:id',
    allowed: READERS,
    request: async (fx) => ({ url: `/api/tech-transfer/listings/${(await tt(fx)).listingId}` }),
    check: (_fx, role, response) => {
      foreignRowsOnlyForAll(_fx, role, response);
      // the owner's contact: the district only (no introduction was accepted)
      if (SEES_ALL.has(role)) expect(response.json().contact.phone).toBe('021-99990000');
      else expect(response.body).not.toContain('021-99990000');
      expect(response.json().evaluation === null).toBe(!SEES_ALL.has(role));
    },
  },
  {
    route: 'POST /api/tech-transfer/listings',
    allowed: ['commission', 'platform'],
    request: () => ({ payload: { kind: 'technology', title: '矩阵新成果', summary: '矩阵测试用的非保密摘要。', ownerName: '某大学', trl: 3, partnerships: ['licence'], ipStatus: 'none' } }),
    // the matrix platform account lists for its own platform
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(201),
  },
  {
    route: 'PUT /api/tech-transfer/listings/:id',
    allowed: ['commission', 'platform'],
    request: async (fx) => {
      const f = await tt(fx);
      const { listingId } = f;
      const version = await f.version('tech_listings', listingId);
      return { url: `/api/tech-transfer/listings/${listingId}`, payload: { kind: 'technology', title: '矩阵成果:抗体层析介质', summary: '矩阵测试用的非保密摘要。', trl: 5, partnerships: ['licence'], ipStatus: 'granted', version } };
    },
    // readable but not its own: 403 for a platform account
    check: commissionOnly(200, 403),
  },
  {
    route: 'POST /api/tech-transfer/listings/:id/introductions',
    allowed: ['enterprise'],
    request: async (fx) => ({ url: `/api/tech-transfer/listings/${(await tt(fx)).listingId}/introductions`, payload: { message: '矩阵测试对接' } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(201),
  },
  { route: 'GET /api/tech-transfer/introductions', allowed: READERS, request: async (fx) => (await (await tt(fx)).foreignIntroduction(), {}), check: foreignRowsOnlyForAll },
  ...(['accept', 'decline'] as const).map((verb) => ({
    route: `POST /api/tech-transfer/introductions/:id/${verb}`,
    allowed: ['commission', 'platform'] as const,
    request: async (fx: MatrixFixtures) => ({ url: `/api/tech-transfer/introductions/${await (await tt(fx)).foreignIntroduction()}/${verb}`, payload: { version: 1 } }),
    check: commissionOnly(200, 404),
  })),
  { route: 'GET /api/tech-transfer/challenges', allowed: READERS, request: async (fx) => (await (await tt(fx)).foreignChallenge(), {}), check: (_fx, _role, response) => expect(response.body).toContain('矩阵测试丙的技术需求') },
  {
    route: 'GET /api/tech-transfer/challenges/:id',
    allowed: READERS,
    request: async (fx) => ({ url: `/api/tech-transfer/challenges/${await (await tt(fx)).foreignChallenge()}` }),
    check: (_fx, role, response) => {
      expect(response.statusCode, response.body).toBe(200);
      // which listings it was pushed to: the district and the challenger only
      if (SEES_ALL.has(role)) expect(response.json().matches.length).toBeGreaterThan(0);
      else expect(response.json().matches).toEqual([]);
    },
  },
  { route: 'POST /api/tech-transfer/challenges', allowed: ['enterprise'], request: () => ({ payload: { title: '矩阵需求', description: '矩阵测试用的需求描述。', keywords: ['发酵'] } }) },
  {
    route: 'POST /api/tech-transfer/challenges/:id/responses',
    allowed: ['commission', 'platform'],
    request: async (fx) => {
      const f = await tt(fx);
      return { url: `/api/tech-transfer/challenges/${await f.foreignChallenge()}/responses`, payload: { listingId: f.listingId, note: '矩阵响应' } };
    },
    check: commissionOnly(201, 404),
  },
  { route: 'GET /api/tech-transfer/rubric', allowed: EVALUATION_READERS },
  { route: 'GET /api/tech-transfer/evaluations/candidates', allowed: ['commission'], request: async (fx) => ({ url: `/api/tech-transfer/evaluations/candidates?listingId=${(await tt(fx)).listingId}` }) },
  {
    route: 'POST /api/tech-transfer/evaluations',
    allowed: ['commission'],
    request: async (fx) => {
      const f = await tt(fx);
      return { payload: { listingId: f.listingId, expertIds: [await f.freshExpert()] } };
    },
  },
  { route: 'GET /api/tech-transfer/evaluations', allowed: EVALUATION_READERS, request: async (fx) => (await tt(fx), {}), check: foreignRowsOnlyForAll },
  {
    route: 'GET /api/tech-transfer/evaluations/:id',
    allowed: EVALUATION_READERS,
    request: async (fx) => ({ url: `/api/tech-transfer/evaluations/${(await tt(fx)).evaluationId}` }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(SEES_ALL.has(role) ? 200 : 404),
  },
  {
    route: 'POST /api/tech-transfer/evaluations/:id/scores',
    allowed: ['expert'],
    request: async (fx) => ({ url: `/api/tech-transfer/evaluations/${(await tt(fx)).evaluationId}/scores`, payload: { scores: [{ criterion: 'novelty', score: 5 }], version: 1 } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  { route: 'GET /api/tech-transfer/deals', allowed: READERS, request: async (fx) => (await tt(fx), {}), check: foreignRowsOnlyForAll },
  {
    route: 'POST /api/tech-transfer/deals',
    allowed: ['commission', 'platform'],
    request: async (fx) => {
      const f = await tt(fx);
      return { payload: { listingId: f.listingId, enterpriseUscc: f.foreignUscc, kind: 'co-development', status: 'negotiating' } };
    },
    check: commissionOnly(201, 404),
  },
  {
    route: 'PUT /api/tech-transfer/deals/:id',
    allowed: ['commission', 'platform'],
    request: async (fx) => {
      const f = await tt(fx);
      const { dealId } = f;
      const version = await f.version('tech_deals', dealId);
      return { url: `/api/tech-transfer/deals/${dealId}`, payload: { kind: 'licence', status: 'negotiating', amount: '120.00', version } };
    },
    check: commissionOnly(200, 404),
  },
];
