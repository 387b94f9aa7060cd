import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParamSchema } from '../../../../contracts/common.ts';
import {
  bookingCreateSchema,
  bookingDecisionSchema,
  bookingListQuerySchema,
  bookingListSchema,
  bookingViewSchema,
  busySlotsSchema,
  instrumentListSchema,
  utilisationQuerySchema,
  utilisationSchema,
} from '../../../../contracts/services.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition } from '../../lib/spreadsheet.ts';
import { callerOf } from '../registry-common/index.ts';
import { bookingsCalendar, instrumentCalendar } from './booking-calendar.ts';
import { createBookingService } from './booking.service.ts';
import { bookingScope, instrumentScope } from './instrument.policy.ts';
import { presentBooking, presentInstrument } from './instrument.presenter.ts';
import { findInstrument, listBookings, listInstruments, unsafeBusySlots } from './instrument.repository.ts';
import { monthlyUtilisation } from './utilisation.service.ts';

const busyQuerySchema = z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) }).strict();
const ICS_MIME = 'text/calendar; charset=utf-8';
const DAY_MS = 86_400_000;

/** Shared instruments and their booking (issue 14 §1). */
export function registerInstrumentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['services'];
  const service = createBookingService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/instruments',
    access: 'instrument.read',
    summary: 'The shared-instrument catalogue (a provider account: its platform’s), with the caller’s training',
    tags,
    responses: { 200: instrumentListSchema },
    handler: async ({ actor }) => {
      const rows = await listInstruments(deps.database.db, instrumentScope(actor!), actor!.userId);
      return { items: rows.map(presentInstrument) };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/instruments/:id/busy',
    access: 'instrument.read',
    summary: 'When an instrument is taken in a window of at most 62 days (times only, never the booker)',
    tags,
    params: idParamSchema,
    query: busyQuerySchema,
    responses: { 200: busySlotsSchema },
    handler: async ({ actor, params, query }) => {
      const instrument = await findInstrument(deps.database.db, instrumentScope(actor!), params.id);
      if (!instrument) throw errors.notFound('仪器', 'instrument');
      const from = new Date(query.from);
      const to = new Date(Math.min(new Date(query.to).getTime(), from.getTime() + 62 * DAY_MS));
      const slots = await unsafeBusySlots(deps.database.db, instrument.id, from, to);
      return { items: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), status: s.status })) };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/instruments/:id/calendar.ics',
    access: 'instrument.read',
    summary: 'Subscribe to an instrument’s busy slots (iCalendar, the next 90 days; no booker shown)',
    tags,
    params: idParamSchema,
    handler: async ({ actor, params, reply }) => {
      const instrument = await findInstrument(deps.database.db, instrumentScope(actor!), params.id);
      if (!instrument) throw errors.notFound('仪器', 'instrument');
      const now = deps.clock();
      const slots = await unsafeBusySlots(deps.database.db, instrument.id, new Date(now.getTime() - 7 * DAY_MS), new Date(now.getTime() + 90 * DAY_MS));
      reply.header('content-type', ICS_MIME).header('content-disposition', attachmentDisposition(`${instrument.code}.ics`));
      return reply.send(instrumentCalendar(instrument.name, slots));
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/bookings',
    access: 'booking.read',
    summary: 'Bookings in the caller’s scope (an enterprise its own, a provider its platform’s)',
    tags,
    query: bookingListQuerySchema,
    responses: { 200: bookingListSchema },
    handler: async ({ actor, query }) => {
      const rows = await listBookings(deps.database.db, bookingScope(actor!), {
        instrumentId: query.instrumentId,
        status: query.status,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      return { items: rows.map(presentBooking) };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/bookings/calendar.ics',
    access: 'booking.read',
    summary: 'The caller’s bookings as an iCalendar feed (the last 30 and next 180 days)',
    tags,
    handler: async ({ actor, reply }) => {
      const now = deps.clock();
      const rows = await listBookings(deps.database.db, bookingScope(actor!), { from: new Date(now.getTime() - 30 * DAY_MS), to: new Date(now.getTime() + 180 * DAY_MS) });
      reply.header('content-type', ICS_MIME).header('content-disposition', attachmentDisposition('仪器预约.ics'));
      return reply.send(bookingsCalendar('仪器预约 / Instrument bookings', rows.map(presentBooking)));
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/bookings',
    access: 'booking.create',
    summary: 'Book an instrument (training gate, open hours, price locked; 409 when the slot is taken)',
    tags,
    body: bookingCreateSchema,
    responses: { 201: bookingViewSchema },
    handler: async ({ actor, origin, body, reply }) => {
      const created = await service.create(callerOf(actor!, origin), body);
      reply.code(201);
      return created;
    },
  });

  for (const [verb, summary] of [
    ['approve', 'The platform (or the commission) approves a requested booking'],
    ['decline', 'The platform (or the commission) declines a requested booking, with a reason'],
  ] as const) {
    defineRoute(app, deps, {
      method: 'POST',
      url: `/api/services/bookings/:id/${verb}`,
      access: 'booking.decide',
      summary,
      tags,
      params: idParamSchema,
      body: bookingDecisionSchema,
      responses: { 200: bookingViewSchema },
      handler: async ({ actor, origin, params, body }) => service[verb](callerOf(actor!, origin), params.id, body),
    });
  }

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/services/bookings/:id/cancel',
    access: 'booking.create',
    summary: 'The enterprise cancels its booking before it starts',
    tags,
    params: idParamSchema,
    body: bookingDecisionSchema,
    responses: { 200: bookingViewSchema },
    handler: async ({ actor, origin, params, body }) => service.cancel(callerOf(actor!, origin), params.id, body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/services/utilisation',
    access: 'instrument.utilisation',
    summary: 'Utilisation per instrument for a month: available, booked and used hours, in-district share, refused requests',
    tags,
    query: utilisationQuerySchema,
    responses: { 200: utilisationSchema },
    handler: async ({ actor, query }) => monthlyUtilisation(deps.database.db, actor!, query.month),
  });
}
