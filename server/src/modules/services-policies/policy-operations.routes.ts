import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import { policyCodeParamSchema } from '../../../../contracts/services.ts';
import {
  applicationDecideSchema,
  applicationListSchema,
  applicationReviewSchema,
  applicationSubmitSchema,
  applicationViewSchema,
  awardIdParamSchema,
  disburseSchema,
  fundsSchema,
  policyEffectSchema,
} from '../../../../contracts/services-policy-operations.ts';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { createApplicationService } from './policy-application.service.ts';
import { policyEffectOf, policyFunds } from './policy-funds.service.ts';

/** 快申快享 applications and disbursement, the funds dashboard and the policy-effect view (issue 14 §4). */
export function registerPolicyOperationsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const applications = createApplicationService(deps);

  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/policy-funds', access: 'policy-funds.read', tags,
    summary: 'Funds by policy, domain and zone: awards, amounts awarded and disbursed (万元, exact), and recent awards',
    responses: { 200: fundsSchema },
    handler: async () => policyFunds(deps.database.db),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/policies/:code/effect', access: 'policy-funds.read', tags, params: policyCodeParamSchema,
    summary: 'Policy effect: recipients’ later output and R&D growth against matched non-recipients (domain, size, zone)',
    responses: { 200: policyEffectSchema },
    handler: async ({ params }) => policyEffectOf(deps.database.db, params.code, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/policy-awards/:id/disburse', access: 'policy-application.review', tags, params: awardIdParamSchema, body: disburseSchema,
    summary: 'Record the disbursement of an award (免申即享 or an approved application), once',
    responses: { 200: z.object({ id: z.string(), disbursedAmount: z.string() }) },
    handler: async ({ actor, origin, params, body }) => applications.disburse(callerOf(actor!, origin), params.id, body.amount),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/policy-applications', access: 'policy-application.read', tags,
    summary: '快申快享 applications (an enterprise its own; the commission and the leader all)',
    responses: { 200: applicationListSchema },
    handler: async ({ actor }) => applications.list(actor!),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/policies/:code/applications', access: 'policy-application.submit', tags, params: policyCodeParamSchema, body: applicationSubmitSchema,
    summary: 'Apply for a 快申快享 policy (materials are attached to the application afterwards)',
    responses: { 201: applicationViewSchema },
    handler: async ({ actor, origin, params, body, reply }) => {
      const created = await applications.submit(callerOf(actor!, origin), params.code, body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/policy-applications/:id/review', access: 'policy-application.review', tags, params: idParamSchema, body: applicationReviewSchema,
    summary: 'The commission’s first review (初审) of an application',
    responses: { 200: applicationViewSchema },
    handler: async ({ actor, origin, params, body }) => applications.review(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/policy-applications/:id/decide', access: 'policy-application.review', tags, params: idParamSchema, body: applicationDecideSchema,
    summary: 'The commission approves (with the amount; creates the award) or rejects a reviewed application',
    responses: { 200: applicationViewSchema },
    handler: async ({ actor, origin, params, body }) => applications.decide(callerOf(actor!, origin), params.id, body),
  });
}
