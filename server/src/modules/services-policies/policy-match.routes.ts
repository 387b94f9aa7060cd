import type { FastifyInstance } from 'fastify';
import { awardConfirmSchema, awardResultSchema, myPoliciesSchema, policyCodeParamSchema, policyEligibilitySchema, policyListSchema } from '../../../../contracts/services.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { createPolicyMatchService } from './policy-match.service.ts';

/** Policy matching and 免申即享 (issue 14 §4). */
export function registerPolicyMatchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const service = createPolicyMatchService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/policies',
    access: 'policy-match.read',
    summary: 'The policy registry: each support clause with its conditions and mode (auto 免申即享 / apply 快申快享)',
    tags,
    responses: { 200: policyListSchema },
    handler: async () => service.list(),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/policies/mine',
    access: 'policy-match.read',
    summary: 'An enterprise’s policies: which it qualifies for, has been awarded, and what it lacks for the others',
    tags,
    responses: { 200: myPoliciesSchema },
    handler: async ({ actor }) => service.mine(actor!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/policies/:code/eligible',
    access: 'policy-match.read',
    summary: 'Eligible enterprises of a policy and what the others lack (among the enterprises the caller may see)',
    tags,
    params: policyCodeParamSchema,
    responses: { 200: policyEligibilitySchema },
    handler: async ({ actor, params }) => service.eligibility(actor!, params.code),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/policies/:code/awards',
    access: 'policy-award.confirm',
    summary: '免申即享: the commission confirms the awards of eligible enterprises (each re-checked; no application)',
    tags,
    params: policyCodeParamSchema,
    body: awardConfirmSchema,
    responses: { 200: awardResultSchema },
    handler: async ({ actor, origin, params, body }) => service.confirmAwards(callerOf(actor!, origin), params.code, body.usccs),
  });
}
