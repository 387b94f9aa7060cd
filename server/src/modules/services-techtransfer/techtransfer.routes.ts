import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  challengeDetailSchema,
  challengeInputSchema,
  challengeListSchema,
  challengeResponseInputSchema,
  dealInputSchema,
  dealListSchema,
  dealUpdateSchema,
  dealViewSchema,
  evaluationAssignSchema,
  evaluationCandidatesQuerySchema,
  evaluationCandidatesSchema,
  evaluationListQuerySchema,
  evaluationListSchema,
  evaluationScoreSchema,
  evaluationViewSchema,
  introductionDecisionSchema,
  introductionInputSchema,
  introductionListSchema,
  introductionViewSchema,
  listingDetailSchema,
  listingInputSchema,
  listingListQuerySchema,
  listingListSchema,
  listingUpdateSchema,
  listingViewSchema,
  rubricSchema,
} from '../../../../contracts/tech-transfer.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { createChallengeService } from './challenge.service.ts';
import { createDealService } from './deal.service.ts';
import { createEvaluationService } from './evaluation.service.ts';
import { createListingService } from './listing.service.ts';

/** Technology transfer 成果转化 (issue 14 §3): thin handlers; scope and rules are in the services and the policy. */
export function registerTechTransferRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['tech-transfer'];
  const listings = createListingService(deps);
  const challenges = createChallengeService(deps);
  const evaluations = createEvaluationService(deps);
  const deals = createDealService(deps);
  const base = '/api/tech-transfer';

  defineRoute(app, deps, {
    method: 'GET', url: `${base}/listings`, access: 'techtransfer.read', tags,
    summary: 'Technology listings (patents, technologies, projects) in the caller’s scope, filterable',
    query: listingListQuerySchema, responses: { 200: listingListSchema },
    handler: async ({ actor, query }) => listings.list(actor!, query),
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/listings/:id`, access: 'techtransfer.read', tags,
    summary: 'One listing with its path to output: introductions, deals and the projects they created, evaluations (district only)',
    params: idParamSchema, responses: { 200: listingDetailSchema },
    handler: async ({ actor, params }) => listings.detail(actor!, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/listings`, access: 'techtransfer.list', tags,
    summary: 'Publish a listing (a platform account for its own platform; the commission for any owner)',
    body: listingInputSchema, responses: { 201: listingViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await listings.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'PUT', url: `${base}/listings/:id`, access: 'techtransfer.list', tags,
    summary: 'Change a listing (its owner platform or the commission; optimistic version)',
    params: idParamSchema, body: listingUpdateSchema, responses: { 200: listingViewSchema },
    handler: async ({ actor, origin, params, body }) => listings.update(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/listings/:id/introductions`, access: 'techtransfer.request', tags,
    summary: 'An enterprise asks the owner for an introduction (contacts are shared once the owner accepts)',
    params: idParamSchema, body: introductionInputSchema, responses: { 201: introductionViewSchema },
    handler: async ({ actor, origin, params, body, reply }) => {
      const created = await listings.requestIntroduction(callerOf(actor!, origin), params.id, body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/introductions`, access: 'techtransfer.read', tags,
    summary: 'Introduction requests: an enterprise its own, a platform those on its listings, the district all',
    responses: { 200: introductionListSchema },
    handler: async ({ actor }) => listings.introductions(actor!),
  });
  for (const verb of ['accept', 'decline'] as const) {
    defineRoute(app, deps, {
      method: 'POST', url: `${base}/introductions/:id/${verb}`, access: 'techtransfer.list', tags,
      summary: verb === 'accept' ? 'The listing’s owner accepts an introduction (both contacts are then shared)' : 'The listing’s owner declines an introduction, with a note',
      params: idParamSchema, body: introductionDecisionSchema, responses: { 200: introductionViewSchema },
      handler: async ({ actor, origin, params, body }) => listings.decideIntroduction(callerOf(actor!, origin), params.id, verb, body),
    });
  }

  defineRoute(app, deps, {
    method: 'GET', url: `${base}/challenges`, access: 'techtransfer.read', tags,
    summary: 'Challenges (calls for solutions) posted by enterprises',
    responses: { 200: challengeListSchema },
    handler: async ({ actor }) => challenges.list(actor!),
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/challenges/:id`, access: 'techtransfer.read', tags,
    summary: 'One challenge with the listings it was pushed to and why (a platform: its own listings only) and the responses',
    params: idParamSchema, responses: { 200: challengeDetailSchema },
    handler: async ({ actor, params }) => challenges.detail(actor!, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/challenges`, access: 'techtransfer.request', tags,
    summary: 'An enterprise posts a challenge; it is pushed to the owners of matching listings (node, domain, keywords)',
    body: challengeInputSchema, responses: { 201: challengeDetailSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await challenges.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/challenges/:id/responses`, access: 'techtransfer.list', tags,
    summary: 'A listing’s owner responds to a challenge with that listing',
    params: idParamSchema, body: challengeResponseInputSchema, responses: { 201: challengeDetailSchema },
    handler: async ({ actor, origin, params, body, reply }) => {
      const detail = await challenges.respond(callerOf(actor!, origin), params.id, body);
      reply.code(201);
      return detail;
    },
  });

  defineRoute(app, deps, {
    method: 'GET', url: `${base}/rubric`, access: 'techtransfer.evaluation.read', tags,
    summary: 'The evaluation rubric: criteria and their weights',
    responses: { 200: rubricSchema },
    handler: async () => evaluations.rubric(),
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/evaluations/candidates`, access: 'techtransfer.assign', tags,
    summary: 'Experts the commission may assign to a listing (or a challenge response), by field; conflicted experts excluded with the reason',
    query: evaluationCandidatesQuerySchema, responses: { 200: evaluationCandidatesSchema },
    handler: async ({ actor, query }) => evaluations.candidates(actor!, query.listingId, query.responseId),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/evaluations`, access: 'techtransfer.assign', tags,
    summary: 'The commission assigns experts (409 EXPERT_CONFLICTED for an expert who must stand aside)',
    body: evaluationAssignSchema, responses: { 201: evaluationListSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await evaluations.assign(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/evaluations`, access: 'techtransfer.evaluation.read', tags,
    summary: 'Evaluations: an expert those assigned to it; the commission and the leader all, with totals',
    query: evaluationListQuerySchema, responses: { 200: evaluationListSchema },
    handler: async ({ actor, query }) => evaluations.list(actor!, query),
  });
  defineRoute(app, deps, {
    method: 'GET', url: `${base}/evaluations/:id`, access: 'techtransfer.evaluation.read', tags,
    summary: 'One evaluation with its listing summary and scores',
    params: idParamSchema, responses: { 200: evaluationViewSchema },
    handler: async ({ actor, params }) => evaluations.get(actor!, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/evaluations/:id/scores`, access: 'techtransfer.evaluate', tags,
    summary: 'The assigned expert scores every rubric criterion (0–10); the weighted total is computed and stored',
    params: idParamSchema, body: evaluationScoreSchema, responses: { 200: evaluationViewSchema },
    handler: async ({ actor, origin, params, body }) => evaluations.score(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'GET', url: `${base}/deals`, access: 'techtransfer.read', tags,
    summary: 'Deals and financing: the district all, an enterprise its own, a platform those on its listings',
    responses: { 200: dealListSchema },
    handler: async ({ actor }) => deals.list(actor!),
  });
  defineRoute(app, deps, {
    method: 'POST', url: `${base}/deals`, access: 'techtransfer.deal', tags,
    summary: 'Record a deal on a listing with the enterprise taking it up and the investment project it creates',
    body: dealInputSchema, responses: { 201: dealViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await deals.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'PUT', url: `${base}/deals/:id`, access: 'techtransfer.deal', tags,
    summary: 'Update a deal (status, amounts, financing, the project it created)',
    params: idParamSchema, body: dealUpdateSchema, responses: { 200: dealViewSchema },
    handler: async ({ actor, origin, params, body }) => deals.update(callerOf(actor!, origin), params.id, body),
  });
}

