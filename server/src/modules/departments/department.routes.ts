import type { FastifyInstance } from 'fastify';
import {
  departmentInputSchema,
  departmentListQuerySchema,
  departmentPageSchema,
  departmentUpdateSchema,
  departmentViewSchema,
  type DepartmentInput,
  type DepartmentView,
} from '../../../../contracts/departments.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import { revealedContactSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { registerCrudRoutes, callerOf } from '../registry-common/index.ts';
import { defineRoute } from '../../app/route.ts';
import { departmentScope } from './department.policy.ts';
import { listDepartments, type DepartmentFilter } from './department.repository.ts';
import { createDepartmentService, presentDepartment } from './department.service.ts';

/** Departments (部门 / 责任单位): the commission keeps them; scopes in department.policy.ts. */
export function registerDepartmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createDepartmentService(deps);
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/departments/:id/contacts/reveal',
    access: 'personal.reveal',
    summary: 'One department’s contact in the clear (shown masked elsewhere); audited',
    tags: ['departments'],
    params: idParamSchema,
    responses: { 200: revealedContactSchema },
    handler: async ({ actor, origin, params }) => service.revealContact(callerOf(actor!, origin), params.id),
  });
  registerCrudRoutes<DepartmentInput, DepartmentView>(app, deps, {
    base: '/api/departments',
    tag: 'departments',
    label: 'department',
    permissions: { read: 'department.read', write: 'department.write', delete: 'department.delete' },
    listQuery: departmentListQuerySchema,
    page: departmentPageSchema,
    view: departmentViewSchema,
    input: departmentInputSchema,
    update: departmentUpdateSchema,
    list: async (actor, query) => {
      const { items, total } = await listDepartments(deps.database.db, departmentScope(actor), query as DepartmentFilter, query.page, query.pageSize);
      return { items: items.map((row) => presentDepartment(row)), total };
    },
    service,
  });
}
