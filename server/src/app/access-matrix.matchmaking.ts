import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession, createEnterprise } from '../../../test/fixtures.ts';
import { as, type TestApp } from '../../../test/test-app.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of supply–demand matchmaking (issue 14 §2). The foreign postings belong to the matrix's foreign
 * enterprise (生物创新城, not the matrix park's zone) and to a second foreign enterprise of the same zone. An
 * open posting's public part is readable by every enterprise; its contact never; the matches between the two
 * foreign enterprises are read by the leader and the commission only.
 */
export interface MatchmakingMatrixFixtures {
  /** A fresh open need of the foreign enterprise and a fresh open offer of the second foreign enterprise. */
  foreignPair: () => Promise<{ needId: string; offerId: string }>;
  /** A fresh match of a fresh foreign pair, in `status` (agreed: both sides consented). */
  foreignMatch: (status?: 'proposed' | 'agreed') => Promise<string>;
}

export async function buildMatchmakingMatrixFixtures(t: TestApp, ids: { foreign: string }): Promise<MatchmakingMatrixFixtures> {
  const second = await createEnterprise(t, '矩阵测试丁生物科技有限公司', 'innovation-city');
  const foreignUser = await activeSession(t, 'mx_mm_foreign', 'enterprise', ids.foreign);
  const secondUser = await activeSession(t, 'mx_mm_second', 'enterprise', second.id);
  const validUntil = new Date(t.clock.now().getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  const posting = async (who: typeof foreignUser, kind: 'need' | 'offer') => {
    const r = await as(t, who)('POST', '/api/services/matchmaking/postings', {
      kind,
      subject: 'product',
      title: `矩阵测试丙${kind === 'need' ? '需求' : '供给'}无血清培养基`,
      description: '矩阵测试用无血清CHO细胞培养基',
      validUntil,
      contactName: '王芳',
      contactPhone: '13700004321',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const foreignPair = async () => ({ needId: await posting(foreignUser, 'need'), offerId: await posting(secondUser, 'offer') });
  return {
    foreignPair,
    async foreignMatch(status = 'proposed') {
      const pair = await foreignPair();
      const r = await as(t, foreignUser)('POST', '/api/services/matchmaking/matches', pair);
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().id as string;
      if (status === 'agreed') expect((await as(t, secondUser)('POST', `/api/services/matchmaking/matches/${id}/consent`, { agree: true, version: 1 })).statusCode).toBe(200);
      return id;
    },
  };
}

const READERS = ['leader', 'commission', 'park', 'enterprise'] as const;
const MANAGERS = ['commission', 'enterprise'] as const;
const SEES_ALL = new Set<Role>(['leader', 'commission']);

/** An open foreign posting: the district and every enterprise read it (the enterprise without the contact); the other zone's park does not. */
function openPostingCheck(_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  if (role === 'park') {
    expect([200, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain('矩阵测试丙');
    return;
  }
  expect(response.statusCode, response.body).toBe(200);
  expect(response.body).toContain('矩阵测试丙');
  // the foreign contact is masked for the district, and absent for another enterprise
  expect(response.body).not.toContain('13700004321');
  if (role === 'enterprise') expect(response.body).not.toContain('4321');
}

/** A foreign match: 2xx for the roles that see everything, 404 for the others. */
function foreignMatchCheck(okStatus = 200) {
  return (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(SEES_ALL.has(role) ? okStatus : 404);
    if (!SEES_ALL.has(role)) expect(response.body).not.toContain('矩阵测试丙');
  };
}

export const MATCHMAKING_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/services/matchmaking/postings', allowed: READERS, request: async (fx) => (await (await fx.matchmaking()).foreignPair(), { url: '/api/services/matchmaking/postings?pageSize=100' }), check: openPostingCheck },
  { route: 'GET /api/services/matchmaking/postings/:id', allowed: READERS, request: async (fx) => ({ url: `/api/services/matchmaking/postings/${(await (await fx.matchmaking()).foreignPair()).needId}` }), check: openPostingCheck },
  {
    route: 'POST /api/services/matchmaking/postings',
    allowed: ['enterprise'],
    request: () => ({ payload: { kind: 'offer', subject: 'service', title: '矩阵测试服务', description: '矩阵测试服务内容', validUntil: '2099-12-31', contactName: '赵敏', contactPhone: '13600001111' } }),
  },
  {
    route: 'POST /api/services/matchmaking/postings/:id/close',
    allowed: MANAGERS,
    request: async (fx) => ({ url: `/api/services/matchmaking/postings/${(await (await fx.matchmaking()).foreignPair()).needId}/close`, payload: { version: 1 } }),
    // the enterprise reads the open posting but it is not its own
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 403),
  },
  {
    route: 'GET /api/services/matchmaking/postings/:id/candidates',
    allowed: MANAGERS,
    request: async (fx) => ({ url: `/api/services/matchmaking/postings/${(await (await fx.matchmaking()).foreignPair()).needId}/candidates` }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 403),
  },
  {
    route: 'POST /api/services/matchmaking/matches',
    allowed: MANAGERS,
    request: async (fx) => ({ payload: await (await fx.matchmaking()).foreignPair() }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 201 : 403),
  },
  {
    route: 'GET /api/services/matchmaking/matches',
    allowed: READERS,
    request: async (fx) => (await (await fx.matchmaking()).foreignMatch(), { url: '/api/services/matchmaking/matches?pageSize=100' }),
    check: (_fx, role, response) => {
      expect(response.statusCode).toBe(200);
      expect(response.body.includes('矩阵测试丙')).toBe(SEES_ALL.has(role));
    },
  },
  { route: 'GET /api/services/matchmaking/matches/:id', allowed: READERS, request: async (fx) => ({ url: `/api/services/matchmaking/matches/${await (await fx.matchmaking()).foreignMatch()}` }), check: foreignMatchCheck() },
  {
    route: 'POST /api/services/matchmaking/matches/:id/consent',
    allowed: ['enterprise'],
    request: async (fx) => ({ url: `/api/services/matchmaking/matches/${await (await fx.matchmaking()).foreignMatch()}/consent`, payload: { agree: true, version: 1 } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  {
    route: 'POST /api/services/matchmaking/matches/:id/contacts',
    allowed: ['enterprise'],
    request: async (fx) => ({ url: `/api/services/matchmaking/matches/${await (await fx.matchmaking()).foreignMatch('agreed')}/contacts` }),
    check: (_fx, _role, response) => {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.body).not.toContain('4321');
    },
  },
  {
    route: 'POST /api/services/matchmaking/matches/:id/outcome',
    allowed: MANAGERS,
    request: async (fx) => ({ url: `/api/services/matchmaking/matches/${await (await fx.matchmaking()).foreignMatch('agreed')}/outcome`, payload: { outcome: 'deal', amount: '12.50', version: 2 } }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404),
  },
];
