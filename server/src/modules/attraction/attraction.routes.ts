import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  activityInputSchema,
  activityViewSchema,
  candidateDetailSchema,
  candidateInputSchema,
  candidateListQuerySchema,
  candidatePageSchema,
  candidateUpdateSchema,
  candidateViewSchema,
  convertInputSchema,
  nodeCandidatesQuerySchema,
  nodeCandidatesSchema,
  spaceNeedsUpdateSchema,
  targetDetailSchema,
  targetInputSchema,
  targetListQuerySchema,
  targetPageSchema,
  targetUpdateSchema,
  targetViewSchema,
  zoneFitSchema,
} from '../../../../contracts/attraction.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { callerOf, loadReferenceIndex } from '../registry-common/index.ts';
import { presentCandidate } from './attraction.presenter.ts';
import { createCandidateService } from './candidate.service.ts';
import { listCandidates } from './candidate.repository.ts';
import { createTargetService } from './target.service.ts';
import { computeZoneFit, setSpaceNeeds } from './zone-fit.service.ts';

/** 链式招商 (issue 13 §3): the candidate pool, targets and their plans, conversion, zone fit before signing. */
export function registerAttractionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const candidates = createCandidateService(deps);
  const targets = createTargetService(deps);
  const db = () => deps.database.db;
  const tags = ['attraction'];

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/candidates',
    access: 'candidate.read',
    summary: 'The candidate pool (outside companies for chain-based attraction), filtered and paged',
    tags,
    query: candidateListQuerySchema,
    responses: { 200: candidatePageSchema },
    handler: async ({ actor, query }) => {
      const { page, pageSize, ...filter } = query;
      const { items, total } = await listCandidates(db(), actor!, filter, page, pageSize);
      const index = await loadReferenceIndex(db());
      return { items: items.map((c) => presentCandidate(c, index)), total, page, pageSize };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/candidates/:id',
    access: 'candidate.read',
    summary: 'One candidate with its targets and contact history (what the caller may see of them)',
    tags,
    params: idParamSchema,
    responses: { 200: candidateDetailSchema },
    handler: async ({ actor, origin, params }) => candidates.detail(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/candidates',
    access: 'candidate.write',
    summary: 'Add a candidate to the pool',
    tags,
    body: candidateInputSchema,
    responses: { 201: candidateViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      reply.code(201);
      return candidates.create(callerOf(actor!, origin), body);
    },
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/candidates/:id',
    access: 'candidate.write',
    summary: 'Correct a candidate (409 when the version is stale)',
    tags,
    params: idParamSchema,
    body: candidateUpdateSchema,
    responses: { 200: candidateViewSchema },
    handler: async ({ actor, origin, params, body }) => candidates.update(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/candidates/:id/contacts',
    access: 'candidate.write',
    summary: 'Record a contact with a candidate outside any target (exhibition, call)',
    tags,
    params: idParamSchema,
    body: activityInputSchema,
    responses: { 201: activityViewSchema },
    handler: async ({ actor, origin, params, body, reply }) => {
      reply.code(201);
      return candidates.addContact(callerOf(actor!, origin), params.id, body);
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attraction/nodes/:id/candidates',
    access: 'attraction.read',
    summary: 'A chain node’s candidates ranked by fit (gap, node match, scale, zone domain, carrier vacancy) with their targets',
    tags,
    params: idParamSchema,
    query: nodeCandidatesQuerySchema,
    responses: { 200: nodeCandidatesSchema },
    handler: async ({ actor, origin, params, query }) => targets.nodeCandidates(callerOf(actor!, origin), params.id, query.zone),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attraction/targets',
    access: 'attraction.read',
    summary: 'Attraction targets within the caller’s scope (owner, zone), open first by next date',
    tags,
    query: targetListQuerySchema,
    responses: { 200: targetPageSchema },
    handler: async ({ actor, origin, query }) => {
      const { page, pageSize, ...filter } = query;
      return targets.list(callerOf(actor!, origin), filter, page, pageSize);
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attraction/targets/:id',
    access: 'attraction.read',
    summary: 'One target with its fit score (inputs listed) and its history',
    tags,
    params: idParamSchema,
    responses: { 200: targetDetailSchema },
    handler: async ({ actor, origin, params }) => targets.detail(callerOf(actor!, origin), params.id),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/attraction/targets',
    access: 'attraction.write',
    summary: 'Assign a candidate for a node to an attraction owner (commission: any owner; park, department: itself)',
    tags,
    body: targetInputSchema,
    responses: { 201: targetViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      reply.code(201);
      return targets.assign(callerOf(actor!, origin), body);
    },
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/attraction/targets/:id',
    access: 'attraction.write',
    summary: 'Change a target’s plan, owner, zone or status (open / dropped)',
    tags,
    params: idParamSchema,
    body: targetUpdateSchema,
    responses: { 200: targetViewSchema },
    handler: async ({ actor, origin, params, body }) => targets.update(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/attraction/targets/:id/activities',
    access: 'attraction.write',
    summary: 'Log a contact, visit, meeting or follow-up (after conversion: a follow-up of the project)',
    tags,
    params: idParamSchema,
    body: activityInputSchema,
    responses: { 200: targetDetailSchema },
    handler: async ({ actor, origin, params, body }) => targets.addActivity(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/attraction/targets/:id/convert',
    access: 'attraction.write',
    summary: 'Convert a target into an investment project at the 线索 stage, carrying its history as follow-ups',
    tags,
    params: idParamSchema,
    body: convertInputSchema,
    responses: { 200: targetDetailSchema.extend({ projectId: z.string() }) },
    handler: async ({ actor, origin, params, body }) => targets.convert(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attraction/projects/:id/zone-fit',
    access: 'attraction.read',
    summary: 'Zone fit and carrier capacity of a project’s space needs (a warning before signing, never a block)',
    tags,
    params: idParamSchema,
    responses: { 200: zoneFitSchema },
    handler: async ({ actor, origin, params }) => computeZoneFit(db(), callerOf(actor!, origin), params.id, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/attraction/projects/:id/space-needs',
    access: 'attraction.write',
    summary: 'State a project’s space needs (area, GMP, hazardous chemistry, lab exhaust); answers the zone fit',
    tags,
    params: idParamSchema,
    body: spaceNeedsUpdateSchema,
    responses: { 200: zoneFitSchema },
    handler: async ({ actor, origin, params, body }) => setSpaceNeeds(deps, callerOf(actor!, origin), params.id, body, deps.clock()),
  });
}
