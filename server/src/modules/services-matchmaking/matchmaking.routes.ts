import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  candidateListSchema,
  matchConsentSchema,
  matchContactsSchema,
  matchListQuerySchema,
  matchOutcomeSchema,
  matchPageSchema,
  matchProposeSchema,
  matchViewSchema,
  postingCloseSchema,
  postingCreateSchema,
  postingListQuerySchema,
  postingPageSchema,
  postingViewSchema,
} from '../../../../contracts/matchmaking.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf } from '../registry-common/index.ts';
import { createMatchService } from './match.service.ts';
import { createPostingService } from './posting.service.ts';

/** Supply–demand matchmaking 供需对接 (issue 14 §2). Row scopes: matchmaking.policy.ts. */
export function registerMatchmakingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const postings = createPostingService(deps);
  const matches = createMatchService(deps);
  const base = '/api/services/matchmaking';

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/postings`,
    access: 'matchmaking.read',
    summary: 'Needs and offers in the caller’s scope (an enterprise: its own, and the public part of others’ open postings), newest first',
    tags,
    query: postingListQuerySchema,
    responses: { 200: postingPageSchema },
    handler: async ({ actor, origin, query }) => postings.list(callerOf(actor!, origin), query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/postings/:id`,
    access: 'matchmaking.read',
    summary: 'One posting (404 outside the caller’s scope; another enterprise’s contact is never shown)',
    tags,
    params: idParamSchema,
    responses: { 200: postingViewSchema },
    handler: async ({ actor, origin, params }) => postings.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/postings`,
    access: 'matchmaking.post',
    summary: 'An enterprise posts a need or an offer (its contact is stored sealed)',
    tags,
    body: postingCreateSchema,
    responses: { 201: postingViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await postings.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/postings/:id/close`,
    access: 'matchmaking.manage',
    summary: 'The owner (or the commission) closes a posting',
    tags,
    params: idParamSchema,
    body: postingCloseSchema,
    responses: { 200: postingViewSchema },
    handler: async ({ actor, origin, params, body }) => postings.close(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/postings/:id/candidates`,
    access: 'matchmaking.manage',
    summary: 'Proposed counterparts of a posting by chain relation and Chinese text similarity, with the reason',
    tags,
    params: idParamSchema,
    responses: { 200: candidateListSchema },
    handler: async ({ actor, origin, params }) => matches.candidates(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/matches`,
    access: 'matchmaking.manage',
    summary: 'Proposes a need × offer match (a side’s owner agrees by proposing; the other side is notified)',
    tags,
    body: matchProposeSchema,
    responses: { 201: matchViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await matches.propose(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/matches`,
    access: 'matchmaking.read',
    summary: 'Matches in the caller’s scope (an enterprise: those of its postings), newest first',
    tags,
    query: matchListQuerySchema,
    responses: { 200: matchPageSchema },
    handler: async ({ actor, origin, query }) => matches.list(callerOf(actor!, origin), query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: `${base}/matches/:id`,
    access: 'matchmaking.read',
    summary: 'One match with both postings and the reason it was proposed',
    tags,
    params: idParamSchema,
    responses: { 200: matchViewSchema },
    handler: async ({ actor, origin, params }) => matches.get(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/matches/:id/consent`,
    access: 'matchmaking.consent',
    summary: 'A party agrees to or declines the match for its own side',
    tags,
    params: idParamSchema,
    body: matchConsentSchema,
    responses: { 200: matchViewSchema },
    handler: async ({ actor, origin, params, body }) => matches.consent(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/matches/:id/contacts`,
    access: 'matchmaking.consent',
    summary: 'The other side’s contact in the clear, once both sides agreed (audited; POST: it writes an audit record)',
    tags,
    params: idParamSchema,
    responses: { 200: matchContactsSchema },
    handler: async ({ actor, origin, params }) => matches.contacts(callerOf(actor!, origin), params.id),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: `${base}/matches/:id/outcome`,
    access: 'matchmaking.manage',
    summary: 'Records the outcome of an agreed match: contacted, deal (amount in 10k yuan, exact) or no deal',
    tags,
    params: idParamSchema,
    body: matchOutcomeSchema,
    responses: { 200: matchViewSchema },
    handler: async ({ actor, origin, params, body }) => matches.outcome(callerOf(actor!, origin), params.id, body),
  });
}
