import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  activeQuerySchema,
  compareQuerySchema,
  formulaInputSchema,
  parseResponseSchema,
  parseTextInputSchema,
  planCompareSchema,
  planCreateInputSchema,
  planGoalSchema,
  planListSchema,
  planVersionDetailSchema,
  planVersionInputSchema,
  planVersionSummarySchema,
} from '../../../../contracts/plan.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { parsePastedText, parseUploadedPolicy, readUploadedPolicy } from './plan-import.ts';
import { viewerDepartmentId } from './plan.policy.ts';
import { createPlanService } from './plan.service.ts';

/** The plan (SPEC §2): read by every business role, imported, versioned and activated by the commission. */
export function registerPlanRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['plan'];
  const service = createPlanService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/plan/plans',
    access: 'plan.read',
    summary: 'Plans with their versions (newest last)',
    tags,
    responses: { 200: planListSchema },
    handler: async () => ({ items: await service.listPlans() }),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/plan/active',
    access: 'plan.read',
    summary: 'The active version of a plan (default: the district’s plan) with its structure; a department’s tasks first',
    tags,
    query: activeQuerySchema,
    responses: { 200: planVersionDetailSchema },
    handler: async ({ actor, query }) => service.activeDetail(query.plan, viewerDepartmentId(actor!)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/plan/versions/:id',
    access: 'plan.read',
    summary: 'One version with its source text and structure',
    tags,
    params: idParamSchema,
    responses: { 200: planVersionDetailSchema },
    handler: async ({ actor, params }) => service.versionDetail(params.id, viewerDepartmentId(actor!)),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/plan/compare',
    access: 'plan.read',
    summary: 'What changed between two versions (goals, domains, zones, tasks, measures, units)',
    tags,
    query: compareQuerySchema,
    responses: { 200: planCompareSchema },
    handler: async ({ query }) => service.compare(query.from, query.to),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/plan/parse',
    access: 'plan.manage',
    summary: 'Parse a pasted policy text (nothing is saved)',
    tags,
    body: parseTextInputSchema,
    responses: { 200: parseResponseSchema },
    handler: async ({ body }) => parsePastedText(body.text),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/plan/parse-upload',
    access: 'plan.manage',
    summary: 'Parse an uploaded .txt or .docx policy document (multipart field "file"; nothing is saved)',
    tags,
    responses: { 200: parseResponseSchema },
    handler: async ({ request }) => {
      const { buffer, fileName } = await readUploadedPolicy(request, deps.config.maxUploadBytes);
      return parseUploadedPolicy(buffer, fileName, deps.config.maxUploadBytes, deps.config.uploadParseTimeoutMs);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/plan/plans',
    access: 'plan.manage',
    summary: 'Create a plan from a reviewed structure (its version 1, as a draft)',
    tags,
    body: planCreateInputSchema,
    responses: { 201: planVersionSummarySchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.createPlan(actor!, origin, body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/plan/plans/:id/versions',
    access: 'plan.manage',
    summary: 'Save a reviewed structure as a new version of a plan (a draft until activated)',
    tags,
    params: idParamSchema,
    body: planVersionInputSchema,
    responses: { 201: planVersionSummarySchema },
    handler: async ({ actor, origin, params, body, reply }) => {
      const created = await service.saveVersion(actor!, origin, params.id, body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/plan/versions/:id/activate',
    access: 'plan.manage',
    summary: 'Make a version the active one (the previous active version is archived)',
    tags,
    params: idParamSchema,
    responses: { 200: planVersionSummarySchema },
    handler: async ({ actor, origin, params }) => service.activate(actor!, origin, params.id),
  });

  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/plan/goals/:id/formula',
    access: 'plan.manage',
    summary: 'Set (or clear) a goal’s formula over indicators',
    tags,
    params: idParamSchema,
    body: formulaInputSchema,
    responses: { 200: planGoalSchema },
    handler: async ({ actor, origin, params, body }) => service.setGoalFormula(actor!, origin, params.id, body.formula),
  });
}
