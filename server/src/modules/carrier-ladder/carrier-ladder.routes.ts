import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ladderQuerySchema, ladderSchema, leaseUpdateSchema, moveInputSchema, moveListQuerySchema, moveListSchema, vacancySeriesSchema } from '../../../../contracts/carrier-ladder.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import { periodSchema } from '../../../../contracts/indicators.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { auditActorOf } from '../audit/index.ts';
import { callerOf, todayIso } from '../registry-common/index.ts';
import { buildLadderWorkbook } from './carrier-ladder.export.ts';
import { carrierVacancy, computeLadder, listMoves, recordMove, updateLease } from './carrier-ladder.service.ts';

const vacancyQuerySchema = z.object({ from: periodSchema.optional(), to: periodSchema.optional() });

/** The carrier ladder (issue 13 §4): move events, per-carrier figures and flows, vacancy over time, export. */
export function registerCarrierLadderRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['carrier-ladder'];
  const db = () => deps.database.db;
  const today = () => todayIso(deps.clock());

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carrier-ladder/moves',
    access: 'carrier-move.read',
    summary: 'Move events in the caller’s scope (an enterprise: its own), newest first',
    tags,
    query: moveListQuerySchema,
    responses: { 200: moveListSchema },
    handler: async ({ actor, query }) => listMoves(db(), actor!, query, today()),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/carrier-ladder/moves',
    access: 'carrier-move.write',
    summary: 'Record a move into, between or out of carriers (409 on an overlapping tenancy unless allowed with a reason)',
    tags,
    body: moveInputSchema,
    responses: { 200: moveListSchema },
    handler: async ({ actor, origin, body }) => recordMove(deps, callerOf(actor!, origin), body),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/carrier-ladder/tenancies/:id/lease',
    access: 'carrier-move.write',
    summary: 'Renew or correct the lease of a tenancy (lease end, leased area)',
    tags,
    params: idParamSchema,
    body: leaseUpdateSchema,
    responses: { 200: moveListSchema },
    handler: async ({ actor, origin, params, body }) => updateLease(deps, callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carrier-ladder',
    access: 'carrier-ladder.read',
    summary: 'Per-carrier graduation rate, median stay, vacancy and the flows between the rungs for a period and zone',
    tags,
    query: ladderQuerySchema,
    responses: { 200: ladderSchema },
    handler: async ({ actor, query }) => computeLadder(db(), actor!, query, today()),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carrier-ladder/carriers/:id/vacancy',
    access: 'carrier-ladder.read',
    summary: 'Monthly leasable area, leased area and vacancy of one carrier',
    tags,
    params: idParamSchema,
    query: vacancyQuerySchema,
    responses: { 200: vacancySeriesSchema },
    handler: async ({ actor, params, query }) => carrierVacancy(db(), actor!, params.id, query, today()),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/carrier-ladder/export',
    access: 'carrier-ladder.read',
    summary: 'The ladder figures, moves and monthly vacancy as an Excel workbook',
    tags,
    query: ladderQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const { buffer, rows } = await buildLadderWorkbook(db(), actor!, query, today(), deps.clock());
      await deps.audit.standalone(auditActorOf(actor!), origin, { action: 'carrier-ladder.export', details: { ...query, carriers: rows } });
      const name = `载体梯度-${query.from ?? ''}${query.to ? `至${query.to}` : ''}${query.zone ? `-${query.zone}` : ''}.xlsx`;
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(name));
      return reply.send(buffer);
    },
  });
}
