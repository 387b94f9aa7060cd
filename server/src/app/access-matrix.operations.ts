import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession } from '../../../test/fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { notify } from '../modules/notifications/index.ts';
import { insertAttachment, storeBlob } from '../modules/attachments/attachment.repository.ts';
import { multipartBody } from '../modules/plan/plan-test-helpers.ts';
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
  /** A fresh attachment of the foreign enterprise (another one each call, for the delete row). */
  foreignAttachment: () => Promise<string>;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

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
  let n = 0;
  const foreignAttachment = async () => {
    const content = Buffer.concat([PDF, Buffer.from(`matrix ${++n}`)]);
    const sha256 = (await import('node:crypto')).createHash('sha256').update(content).digest('hex');
    return t.deps.database.db.transaction(async (tx) => {
      await storeBlob(tx as never, sha256, content, new Date());
      const row = await insertAttachment(tx as never, { ownerKind: 'enterprise', ownerId: ids.foreign, sha256, fileName: `矩阵测试丙-${n}.pdf`, mediaType: 'application/pdf', size: content.length, uploadedBy: null as never, at: new Date() });
      return row.id;
    });
  };
  return { ownNotificationId: await idOf(ids.own), foreignNotificationId: await idOf(ids.foreign), foreignAttachment };
}

const ANY_ROLE = ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform', 'sysadmin', 'secadmin', 'auditor'] as const;

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

const ATTACHMENT_READERS = ['leader', 'commission', 'department', 'park', 'enterprise'] as const;
const ATTACHMENT_WRITERS = ['commission', 'department', 'park', 'enterprise'] as const;
/** On the foreign enterprise: the commission writes it; a department reads it but may not attach (403); the park and enterprise of the matrix do not see it (404). */
const FOREIGN_WRITE_STATUS: Partial<Record<Role, number>> = { commission: 0, department: 403, park: 404, enterprise: 404 };

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

  {
    route: 'GET /api/attachments',
    allowed: ATTACHMENT_READERS,
    objectInScope: true,
    request: (fx) => ({ url: `/api/attachments?ownerKind=enterprise&ownerId=${fx.foreignEnterpriseId}` }),
  },
  { route: 'GET /api/attachments/:id', allowed: ATTACHMENT_READERS, objectInScope: true, request: async (fx) => ({ url: `/api/attachments/${await (await fx.operations()).foreignAttachment()}` }) },
  {
    route: 'POST /api/attachments',
    allowed: ATTACHMENT_WRITERS,
    request: (fx) => {
      const { body, headers } = multipartBody('矩阵测试.pdf', PDF, 'application/pdf');
      return { url: `/api/attachments?ownerKind=enterprise&ownerId=${fx.foreignEnterpriseId}`, payload: body, headers };
    },
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(FOREIGN_WRITE_STATUS[role] || 201),
  },
  {
    route: 'DELETE /api/attachments/:id',
    allowed: ATTACHMENT_WRITERS,
    request: async (fx) => ({ url: `/api/attachments/${await (await fx.operations()).foreignAttachment()}` }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(FOREIGN_WRITE_STATUS[role] || 204),
  },
];
