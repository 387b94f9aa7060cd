import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { departmentId, zoneId } from '../../../test/fixtures.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { ensureShippedRules } from '../modules/warnings/warning-rule.repository.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the warnings (issue 11 §1). Two warnings are stored directly: one in the matrix park's
 * zone and department (kewei), one in another zone and department. The commission and the leaders see both;
 * the park and the department only their own; enterprises and experts nothing (403).
 */
export interface WarningMatrixFixtures {
  ownWarningId: string;
  foreignWarningId: string;
  version: (id: string) => Promise<number>;
  ruleVersion: (code: string) => Promise<number>;
}

export async function buildWarningMatrixFixtures(t: TestApp): Promise<WarningMatrixFixtures> {
  const db = t.deps.database;
  await db.db.transaction((tx) => ensureShippedRules(tx as never, new Date()));
  const insert = async (label: string, zone: string, department: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO warnings (rule_code, rule_version, subject_kind, subject_key, subject_label, level, status, owner_role, zone_id, department_id,
           explanation_zh, explanation_en, opened_at, updated_at, evaluated_at)
         VALUES ('project-stage-overdue', 1, 'project', $1, $1, 'orange', 'open', 'park', $2, $3, '矩阵测试', 'matrix', now(), now(), now()) RETURNING id`,
        [label, await zoneId(t, zone), await departmentId(t, department)],
      )
    )[0]!.id;
  const ownWarningId = await insert('矩阵测试甲项目', 'medicine-port', 'kewei');
  const foreignWarningId = await insert('矩阵测试丙项目', 'innovation-city', 'touzi');
  return {
    ownWarningId,
    foreignWarningId,
    version: async (id) => Number((await db.query<{ version: number }>('SELECT version FROM warnings WHERE id = $1', [id]))[0]!.version),
    ruleVersion: async (code) => Number((await db.query<{ version: number }>('SELECT version FROM warning_rules WHERE code = $1', [code]))[0]!.version),
  };
}

const READERS = ['leader', 'commission', 'department', 'park'] as const;
const HANDLERS = ['commission', 'department', 'park'] as const;
const SEES_ALL: readonly Role[] = ['leader', 'commission'];

function listCheck() {
  return async (fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    const w = await fx.warnings();
    const ids = (response.json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(ids).toContain(w.ownWarningId);
    expect(ids.includes(w.foreignWarningId)).toBe(SEES_ALL.includes(role));
  };
}

export function warningMatrixRows(): MatrixRow[] {
  const fxw = (fx: MatrixFixtures) => fx.warnings();
  return [
    {
      route: 'GET /api/warnings',
      allowed: READERS,
      request: async (fx) => (await fxw(fx), { url: '/api/warnings?pageSize=100' }),
      check: listCheck(),
    },
    {
      route: 'GET /api/warnings/rollup',
      allowed: READERS,
      request: async (fx) => (await fxw(fx), {}),
      check: (_fx, role, response) => {
        expect(response.statusCode, response.body).toBe(200);
        const zones = (response.json() as { zones: { key: string }[] }).zones.map((z) => z.key);
        expect(zones.includes('innovation-city')).toBe(SEES_ALL.includes(role));
      },
    },
    {
      route: 'GET /api/warnings/:id',
      allowed: READERS,
      request: async (fx) => ({ url: `/api/warnings/${(await fxw(fx)).foreignWarningId}` }),
      check: (_fx, role, response) => {
        expect(response.statusCode, response.body).toBe(SEES_ALL.includes(role) ? 200 : 404);
        if (!SEES_ALL.includes(role)) expect(response.body).not.toContain('矩阵测试丙');
      },
    },
    {
      route: 'POST /api/warnings/:id/actions',
      allowed: HANDLERS,
      request: async (fx) => {
        const w = await fxw(fx);
        return { url: `/api/warnings/${w.foreignWarningId}/actions`, payload: { action: 'note', version: await w.version(w.foreignWarningId), note: '矩阵测试备注' } };
      },
      check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404),
    },
    { route: 'POST /api/warnings/evaluate', allowed: ['commission'] },
    { route: 'GET /api/warning-rules', allowed: ['leader', 'commission'] },
    { route: 'GET /api/warning-rules/:code/versions', allowed: ['leader', 'commission'], request: async (fx) => (await fxw(fx), { url: '/api/warning-rules/report-late/versions' }) },
    {
      route: 'POST /api/warning-rules/:code/dry-run',
      allowed: ['commission'],
      request: async (fx) => (await fxw(fx), { url: '/api/warning-rules/report-late/dry-run', payload: { params: { graceDays: 5, lookbackMonths: 3 } } }),
    },
    {
      route: 'PUT /api/warning-rules/:code',
      allowed: ['commission'],
      request: async (fx) => {
        const w = await fxw(fx);
        return { url: '/api/warning-rules/report-late', payload: { version: await w.ruleVersion('report-late'), note: '矩阵测试' } };
      },
    },
  ];
}
