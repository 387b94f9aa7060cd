import type { FastifyInstance } from 'fastify';
import {
  notificationIdParamSchema,
  notificationListQuerySchema,
  notificationPageSchema,
  notificationPreferencesSchema,
  notificationPreferencesViewSchema,
  unreadCountSchema,
} from '../../../../contracts/notifications.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { z } from 'zod';
import { createNotificationService } from './notification.service.ts';

/** The inbox: every signed-in account reads and marks its own notifications (notification.service.ts). */
export function registerNotificationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createNotificationService(deps);
  const tags = ['notifications'];
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/notifications',
    access: 'authenticated',
    summary: "The caller's notifications, newest first, with the unread count",
    tags,
    query: notificationListQuerySchema,
    responses: { 200: notificationPageSchema },
    handler: ({ actor, query }) => service.list(actor!, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/notifications/unread-count',
    access: 'authenticated',
    summary: "How many of the caller's notifications are unread (the header's badge)",
    tags,
    responses: { 200: unreadCountSchema },
    handler: ({ actor }) => service.unreadCount(actor!),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/notifications/:id/read',
    access: 'authenticated',
    summary: 'Mark one of the caller’s notifications read',
    tags,
    params: notificationIdParamSchema,
    handler: async ({ actor, origin, params }) => {
      await service.markRead(actor!, origin, params.id);
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/notifications/read-all',
    access: 'authenticated',
    summary: "Mark all the caller's notifications read",
    tags,
    responses: { 200: z.object({ updated: z.number().int() }) },
    handler: ({ actor, origin }) => service.markAllRead(actor!, origin),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/notifications/preferences',
    access: 'authenticated',
    summary: 'Per kind: inbox only or inbox + e-mail; the address for e-mail copies',
    tags,
    responses: { 200: notificationPreferencesViewSchema },
    handler: ({ actor }) => service.preferences(actor!),
  });
  defineRoute(app, deps, {
    method: 'PUT',
    url: '/api/notifications/preferences',
    access: 'authenticated',
    summary: 'Set the caller’s channels per kind and e-mail address',
    tags,
    body: notificationPreferencesSchema,
    responses: { 200: notificationPreferencesViewSchema },
    handler: ({ actor, origin, body }) => service.updatePreferences(actor!, origin, body),
  });
}
