import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { departments } from '../db/schema/index.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows and fixtures of the department registry (docs/decisions/0005). The department account of the
 * matrix is scoped to 区科委 (kewei); the foreign department is 区投资促进办 (touzi). Visibility is stated
 * here from the decision, not taken from the policy code: leader, commission and park read every department,
 * a department account only its own, everyone else nothing.
 */
export interface DepartmentMatrixFixtures {
  ownId: string;
  foreignId: string;
  /** A fresh department nobody refers to (deletable), optionally already deleted (restorable). */
  fresh: (deleted?: boolean) => Promise<string>;
}

let n = 0;

export async function buildDepartmentMatrixFixtures(t: TestApp, ids: { own: string; foreign: string }): Promise<DepartmentMatrixFixtures> {
  return {
    ownId: ids.own,
    foreignId: ids.foreign,
    fresh: async (deleted = false) => {
      const code = `mx-dep-${++n}-${Math.random().toString(36).slice(2, 6)}`;
      const [row] = await t.deps.database.db
        .insert(departments)
        .values({ code, nameZh: `矩阵测试部门${n}`, nameEn: `Matrix department ${n}`, shortNameZh: `矩阵部门${n}`, deletedAt: deleted ? new Date() : null })
        .returning({ id: departments.id });
      return row!.id;
    },
  };
}

const DEPARTMENT_READERS = ['leader', 'commission', 'department', 'park'] as const;
/** Roles that read every department; the department role reads its own only. */
const READS_ALL: readonly Role[] = ['leader', 'commission', 'park'];

const payload = (code: string) => ({ code, nameZh: '上海市金山区矩阵测试局', shortNameZh: '区矩阵局', sortOrder: 900 });

export const DEPARTMENT_MATRIX_ROWS: MatrixRow[] = [
  {
    route: 'GET /api/departments',
    allowed: DEPARTMENT_READERS,
    request: () => ({ url: '/api/departments?pageSize=200' }),
    check: async (fx, role, response) => {
      const d = await fx.departments();
      expect(response.statusCode, response.body).toBe(200);
      const ids = new Set((response.json() as { items: { id: string }[] }).items.map((i) => i.id));
      expect(ids.has(d.ownId)).toBe(true);
      expect(ids.has(d.foreignId)).toBe(READS_ALL.includes(role));
      if (role === 'department') expect(ids.size).toBe(1);
    },
  },
  ...(['', '/history'] as const).map(
    (suffix): MatrixRow => ({
      route: `GET /api/departments/:id${suffix}`,
      allowed: DEPARTMENT_READERS,
      request: async (fx) => ({ url: `/api/departments/${(await fx.departments()).foreignId}${suffix}` }),
      // A department account asking for another department gets 404, never its data.
      check: async (_fx, role, response) => {
        expect(response.statusCode, response.body).toBe(READS_ALL.includes(role) ? 200 : 404);
        if (!READS_ALL.includes(role)) expect(response.body).not.toContain('投资促进');
      },
    }),
  ),
  {
    route: 'POST /api/departments/:id/contacts/reveal',
    allowed: ['commission', 'park', 'enterprise'],
    request: async (fx) => ({ url: `/api/departments/${(await fx.departments()).foreignId}/contacts/reveal` }),
    // The reveal permission, then the department's scope: an enterprise reads no department (404).
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'enterprise' ? 404 : 200),
  },
  { route: 'POST /api/departments', allowed: ['commission'], request: () => ({ payload: payload(`mx-new-${Math.random().toString(36).slice(2, 8)}`) }) },
  {
    route: 'PUT /api/departments/:id',
    allowed: ['commission'],
    request: async (fx: MatrixFixtures) => {
      const code = `mx-put-${Math.random().toString(36).slice(2, 8)}`;
      return { url: `/api/departments/${await (await fx.departments()).fresh()}`, payload: { ...payload(code), version: 1 } };
    },
  },
  { route: 'DELETE /api/departments/:id', allowed: ['commission'], request: async (fx) => ({ url: `/api/departments/${await (await fx.departments()).fresh()}` }) },
  { route: 'POST /api/departments/:id/restore', allowed: ['commission'], request: async (fx) => ({ url: `/api/departments/${await (await fx.departments()).fresh(true)}/restore` }) },
];
