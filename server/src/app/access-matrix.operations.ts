import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession } from '../../../test/fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { notify } from '../modules/notifications/index.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the platform's own operations and per-user features (issue 10 §3–5): jobs (the commission
 * only), the inbox (every signed-in account, its own notifications only) and attachments (under the owning
 * object's scope).
 */
export interface OperationsMatrixFixtures {
  /** A notification of the matrix's own enterprise account. */
  ownNotificationId: string;
  /** A notification of an account of the foreign enterprise: nobody in the matrix may see or mark it. */
  foreignNotificationId: string;
}

export async function buildOperationsMatrixFixtures(t: TestApp, ids: { own: string; foreign: string }): Promise<OperationsMatrixFixtures> {
  await activeSession(t, 'mx_notify_foreign', 'enterprise', ids.foreign);
  const send = (enterpriseId: string) =>
    notify(
      { database: t.deps.database, config: t.deps.config, now: () => new Date() },
      {
        kind: 'report.deadline-reminder',
        object: { kind: 'monthly-report', id: `${enterpriseId}:matrix` },
        recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: enterpriseId } },
        titleZh: '矩阵测试提醒',
        titleEn: 'Matrix reminder',
        bodyZh: enterpriseId === ids.foreign ? '矩阵测试丙的提醒' : '本企业的提醒',
        bodyEn: 'matrix',
        link: '/reports',
      },
    );
  await send(ids.own);
  await send(ids.foreign);
  const idOf = async (enterpriseId: string) =>
    (await t.deps.database.query<{ id: string }>(`SELECT id FROM notifications WHERE object_id = $1 LIMIT 1`, [`${enterpriseId}:matrix`]))[0]!.id;
  return { ownNotificationId: await idOf(ids.own), foreignNotificationId: await idOf(ids.foreign) };
}

const ANY_ROLE = ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'sysadmin', 'secadmin', 'auditor'] as const;

async function expectOwnInboxOnly(fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  const ops = await fx.operations();
  expect(response.statusCode, response.body).toBe(200);
  const ids = (response.json() as { items: { id: string }[] }).items.map((n) => n.id);
  expect(ids).not.toContain(ops.foreignNotificationId);
  expect(response.body).not.toContain('矩阵测试丙');
  // The matrix's enterprise account is the one the own enterprise's notice reached.
  if (role === 'enterprise') expect(ids).toContain(ops.ownNotificationId);
  else expect(ids).toEqual([]);
}

export const OPERATIONS_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/jobs', allowed: ['commission'] },
  { route: 'GET /api/jobs/runs', allowed: ['commission'], request: () => ({ url: '/api/jobs/runs?job=job-history-prune&limit=5' }) },
  { route: 'POST /api/jobs/:name/run', allowed: ['commission'], request: () => ({ url: '/api/jobs/job-history-prune/run' }) },

  { route: 'GET /api/notifications', allowed: ANY_ROLE, request: async (fx) => (await fx.operations(), {}), check: expectOwnInboxOnly },
  {
    route: 'GET /api/notifications/unread-count',
    allowed: ANY_ROLE,
    request: async (fx) => (await fx.operations(), {}),
    check: (_fx, role, response) => {
      expect(response.statusCode).toBe(200);
      if (role !== 'enterprise') expect(response.json()).toEqual({ unread: 0 });
    },
  },
  {
    // Another account's notification is not there for anyone: 404, never 204.
    route: 'POST /api/notifications/:id/read',
    allowed: ANY_ROLE,
    request: async (fx) => ({ url: `/api/notifications/${(await fx.operations()).foreignNotificationId}/read` }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  { route: 'POST /api/notifications/read-all', allowed: ANY_ROLE },
  { route: 'GET /api/notifications/preferences', allowed: ANY_ROLE },
  { route: 'PUT /api/notifications/preferences', allowed: ANY_ROLE, request: () => ({ payload: { email: null, kinds: [{ kind: 'report.deadline-reminder', channel: 'inbox' }] } }) },
];
