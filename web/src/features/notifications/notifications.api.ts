import { z } from 'zod';
import {
  notificationPageSchema,
  notificationPreferencesViewSchema,
  unreadCountSchema,
  type NotificationPreferences,
} from '../../../../contracts/notifications.ts';
import { api } from '../../app/api.ts';

export const listNotifications = (query: { unread?: 'true'; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get('/api/notifications', notificationPageSchema, { query, ...(signal ? { signal } : {}) });
export const loadUnreadCount = (signal?: AbortSignal) => api.get('/api/notifications/unread-count', unreadCountSchema, signal ? { signal } : {});
export const markNotificationRead = (id: string) => api.command('POST', `/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post('/api/notifications/read-all', z.object({ updated: z.number() }));
export const loadNotificationPreferences = (signal?: AbortSignal) =>
  api.get('/api/notifications/preferences', notificationPreferencesViewSchema, signal ? { signal } : {});
export const saveNotificationPreferences = (body: NotificationPreferences) =>
  api.put('/api/notifications/preferences', notificationPreferencesViewSchema, { body });

/** Listeners told when the unread count may have changed (a notification marked read on the inbox page). */
const listeners = new Set<() => void>();
export function onUnreadChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function unreadChanged(): void {
  for (const l of listeners) l();
}
