import type { FastifyInstance } from 'fastify';
import { idParamSchema } from '../../../../contracts/common.ts';
import { bookingDecisionSchema, bookingViewSchema } from '../../../../contracts/services.ts';
import {
  bookingRulesListSchema,
  bookingRulesSchema,
  bookingRulesViewSchema,
  instrumentAdminListSchema,
  instrumentAdminViewSchema,
  instrumentDemandInputSchema,
  instrumentDemandListSchema,
  instrumentDemandViewSchema,
  instrumentInputSchema,
  instrumentUpdateSchema,
  monthQuerySchema,
  platformGapListSchema,
  platformIdParamSchema,
  standingSchema,
  statementSchema,
  trainingInputSchema,
  trainingListSchema,
  trainingParamSchema,
  versionBodySchema,
  waitlistEntrySchema,
  waitlistJoinSchema,
  waitlistListSchema,
} from '../../../../contracts/services-operations.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { callerOf } from '../registry-common/index.ts';
import { createBookingService } from './booking.service.ts';
import { createCatalogueService } from './catalogue.service.ts';
import { createDemandService, exportGapLeads, platformGapItems } from './platform-gap.service.ts';
import { exportStatement, monthlyStatement } from './statement.service.ts';
import { createWaitlistService } from './waitlist.service.ts';

/** Waitlist, no-shows and rules, statements, catalogue and training management, platform gaps (issue 14 §1). */
export function registerInstrumentOperationsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const bookings = createBookingService(deps);
  const waitlist = createWaitlistService(deps, (bookingId, platformId) => bookings.notifyPlatformOf(bookingId, platformId));
  const catalogue = createCatalogueService(deps);
  const demands = createDemandService(deps);

  // ---- no-show, waitlist, standing ----
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/bookings/:id/no-show', access: 'booking.decide', tags, params: idParamSchema, body: bookingDecisionSchema,
    summary: 'The platform records that an approved booking’s user did not come (counts towards a booking suspension)',
    responses: { 200: bookingViewSchema },
    handler: async ({ actor, origin, params, body }) => bookings.noShow(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/waitlist', access: 'booking.read', tags,
    summary: 'Waitlist entries in the caller’s scope (an enterprise its own, a platform its instruments’), with running offers',
    responses: { 200: waitlistListSchema },
    handler: async ({ actor, origin }) => waitlist.list(callerOf(actor!, origin)),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/waitlist', access: 'booking.create', tags, body: waitlistJoinSchema,
    summary: 'Join the waitlist of a taken slot; a freed slot is offered (held for a time) in the order of joining',
    responses: { 201: waitlistEntrySchema },
    handler: async ({ actor, origin, body, reply }) => {
      const entry = await waitlist.join(callerOf(actor!, origin), body);
      reply.code(201);
      return entry;
    },
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/waitlist/:id/accept', access: 'booking.create', tags, params: idParamSchema, body: versionBodySchema,
    summary: 'Accept an offered slot before the offer runs out: it becomes a booking request for the platform to approve',
    responses: { 200: waitlistEntrySchema },
    handler: async ({ actor, origin, params, body }) => waitlist.accept(callerOf(actor!, origin), params.id, body.version),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/waitlist/:id/withdraw', access: 'booking.create', tags, params: idParamSchema, body: versionBodySchema,
    summary: 'Leave the waitlist, or turn an offer down (the slot is offered to the next in line)',
    responses: { 200: waitlistEntrySchema },
    handler: async ({ actor, origin, params, body }) => waitlist.withdraw(callerOf(actor!, origin), params.id, body.version),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/bookings/standing', access: 'booking.create', tags,
    summary: 'The enterprise’s no-shows and late cancellations per platform, and any booking suspension',
    responses: { 200: standingSchema },
    handler: async ({ actor }) => catalogue.standing(actor!),
  });

  // ---- statements ----
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/statements', access: 'booking.read', tags, query: monthQuerySchema,
    summary: 'Monthly statement per enterprise: charged bookings, hours and amounts at locked prices (exact decimals)',
    responses: { 200: statementSchema },
    handler: async ({ actor, query }) => monthlyStatement(deps.database.db, actor!, query.month),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/statements/export', access: 'booking.read', tags, query: monthQuerySchema,
    summary: 'The monthly statement as an Excel workbook (audited)',
    handler: async ({ actor, origin, query, reply }) => {
      const body = await exportStatement(deps, callerOf(actor!, origin), query.month);
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`仪器使用对账单-${query.month}.xlsx`));
      return reply.send(body);
    },
  });

  // ---- catalogue, trainings, rules ----
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/instrument-admin', access: 'instrument.manage', tags,
    summary: 'Instruments the caller manages (a platform account its platform’s, the commission all), with the number trained',
    responses: { 200: instrumentAdminListSchema },
    handler: async ({ actor }) => catalogue.list(actor!),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/instrument-admin', access: 'instrument.manage', tags, body: instrumentInputSchema,
    summary: 'Register an instrument under a platform the caller manages',
    responses: { 201: instrumentAdminViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await catalogue.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/services/instrument-admin/:id', access: 'instrument.manage', tags, params: idParamSchema, body: instrumentUpdateSchema,
    summary: 'Change an instrument (prices apply to later bookings only: booked prices are locked)',
    responses: { 200: instrumentAdminViewSchema },
    handler: async ({ actor, origin, params, body }) => catalogue.update(callerOf(actor!, origin), params.id, body.instrument, body.version),
  });
  defineRoute(app, deps, {
    method: 'DELETE', url: '/api/services/instrument-admin/:id', access: 'instrument.manage', tags, params: idParamSchema,
    summary: 'Retire an instrument (its bookings stay for statements and utilisation)',
    handler: async ({ actor, origin, params, reply }) => {
      await catalogue.remove(callerOf(actor!, origin), params.id);
      return reply.code(204).send();
    },
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/instrument-admin/:id/trainings', access: 'instrument.manage', tags, params: idParamSchema,
    summary: 'Who is trained on an instrument, until when',
    responses: { 200: trainingListSchema },
    handler: async ({ actor, params }) => catalogue.trainings(actor!, params.id),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/services/instrument-admin/:id/trainings', access: 'instrument.manage', tags, params: idParamSchema, body: trainingInputSchema,
    summary: 'Record or renew an enterprise user’s training on an instrument',
    responses: { 200: trainingListSchema },
    handler: async ({ actor, origin, params, body }) => catalogue.setTraining(callerOf(actor!, origin), params.id, body),
  });
  defineRoute(app, deps, {
    method: 'DELETE', url: '/api/services/instrument-admin/:id/trainings/:userId', access: 'instrument.manage', tags, params: trainingParamSchema,
    summary: 'Withdraw a user’s training on an instrument',
    responses: { 200: trainingListSchema },
    handler: async ({ actor, origin, params }) => catalogue.revokeTraining(callerOf(actor!, origin), params.id, params.userId),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/booking-rules', access: 'instrument.manage', tags,
    summary: 'Cancellation and no-show rules of the platforms the caller manages (defaults where a platform set none)',
    responses: { 200: bookingRulesListSchema },
    handler: async ({ actor }) => catalogue.rules(actor!),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/services/booking-rules/:platformId', access: 'instrument.manage', tags, params: platformIdParamSchema, body: bookingRulesSchema,
    summary: 'Set a platform’s late-cancellation limit, no-show limit and suspension, waitlist offer time, no-show charging',
    responses: { 200: bookingRulesViewSchema },
    handler: async ({ actor, origin, params, body }) => catalogue.setRules(callerOf(actor!, origin), params.platformId, body),
  });

  // ---- platform gaps ----
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/instrument-demands', access: 'instrument-demand.read', tags,
    summary: 'Requests for instrument types the district lacks (an enterprise its own)',
    responses: { 200: instrumentDemandListSchema },
    handler: async ({ actor }) => demands.list(actor!),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/services/instrument-demands', access: 'instrument-demand.submit', tags, body: instrumentDemandInputSchema,
    summary: 'An enterprise asks for an instrument type the district does not offer (becomes a platform-gap item)',
    responses: { 201: instrumentDemandViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await demands.submit(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/platform-gaps', access: 'platform-gap.read', tags,
    summary: 'Platform-gap items of the last year: refused and wait-listed demand per instrument, requested types the district lacks, with chain nodes',
    responses: { 200: platformGapListSchema },
    handler: async ({ actor }) => platformGapItems(deps.database.db, actor!, deps.clock()),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/services/platform-gaps/leads', access: 'platform-gap.read', tags,
    summary: 'The lead list for CRO/CDMO attraction as an Excel workbook (audited)',
    handler: async ({ actor, origin, reply }) => {
      const body = await exportGapLeads(deps, callerOf(actor!, origin));
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition('CRO-CDMO招商线索.xlsx'));
      return reply.send(body);
    },
  });
}
