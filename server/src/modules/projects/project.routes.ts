import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  followUpInputSchema,
  projectDetailSchema,
  projectInputSchema,
  projectListQuerySchema,
  projectPageSchema,
  projectUpdateSchema,
  stageChangeSchema,
} from '../../../../contracts/projects.ts';
import { historyPageSchema, softDeleteResultSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf, todayIso } from '../registry-common/index.ts';
import { projectScope } from './project.policy.ts';
import { presentProject } from './project.presenter.ts';
import { listProjects, stagesOf } from './project.repository.ts';
import { createProjectService } from './project.service.ts';

/** Investment-project pipeline. Template, import and export are registered by the registry-io module. */
export function registerProjectRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['projects'];
  const service = createProjectService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/projects',
    access: 'project.read',
    summary: 'List projects in the caller’s scope (search, filters incl. overdue, sort, pages)',
    tags,
    query: projectListQuerySchema,
    responses: { 200: projectPageSchema },
    handler: async ({ actor, query }) => {
      const today = todayIso(deps.clock());
      const db = deps.database.db;
      const { items, total } = await listProjects(db, projectScope(actor!), query, query.page, query.pageSize, today);
      const stages = await stagesOf(db, items.map((i) => i.row.id));
      return { items: items.map((i) => presentProject(i, stages.get(i.row.id)!, today)), total, page: query.page, pageSize: query.pageSize };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/projects/:id',
    access: 'project.read',
    summary: 'One project with stages, events and follow-ups (404 outside the caller’s scope)',
    tags,
    params: idParamSchema,
    responses: { 200: projectDetailSchema },
    handler: async ({ actor, origin, params }) => service.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/projects/:id/history',
    access: 'project.read',
    summary: 'Change history of one project (its own fields only)',
    tags,
    params: idParamSchema,
    responses: { 200: historyPageSchema },
    handler: async ({ actor, origin, params }) => service.history(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/projects',
    access: 'project.write',
    summary: 'Register a project (a department: one it is responsible for)',
    tags,
    body: projectInputSchema,
    responses: { 201: projectDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/projects/:id',
    access: 'project.write',
    summary: 'Update a project’s fields and planned dates (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: projectUpdateSchema,
    responses: { 200: projectDetailSchema },
    handler: async ({ actor, origin, params, body }) => {
      const { version, ...input } = body;
      return service.update(callerOf(actor!, origin), params.id, version, input);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/projects/:id/stage',
    access: 'project.write',
    summary: 'Move a project to another stage (an event; skipping or moving back needs a reason)',
    tags,
    params: idParamSchema,
    body: stageChangeSchema,
    responses: { 200: projectDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.changeStage(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/projects/:id/follow-ups',
    access: 'project.write',
    summary: 'Log a follow-up (visit, call, meeting: problems and next step)',
    tags,
    params: idParamSchema,
    body: followUpInputSchema,
    responses: { 200: projectDetailSchema },
    handler: async ({ actor, origin, params, body }) => service.addFollowUp(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/projects/:id',
    access: 'project.delete',
    summary: 'Soft-delete a project (undo with restore)',
    tags,
    params: idParamSchema,
    responses: { 200: softDeleteResultSchema },
    handler: async ({ actor, origin, params }) => service.remove(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/projects/:id/restore',
    access: 'project.delete',
    summary: 'Undo the deletion of a project',
    tags,
    params: idParamSchema,
    responses: { 200: projectDetailSchema },
    handler: async ({ actor, origin, params }) => service.restore(callerOf(actor!, origin), params.id),
  });
}
