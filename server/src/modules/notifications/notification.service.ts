import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferences } from '../../../../contracts/notifications.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { auditActorOf } from '../audit/index.ts';
import { countUnread, listNotifications, markAllRead, markRead, readPreferences, writePreferences } from './notification.repository.ts';
import { presentNotification } from './notification.presenter.ts';

/**
 * SECURITY INVARIANT — the inbox is per account: every read and write below is keyed by the caller's own
 * user id (never by an id from the request alone), so a notification of another user answers 404.
 */
export function createNotificationService(deps: AppDeps) {
  return {
    async list(actor: Actor, q: { unread?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
      const { items, total, unread } = await listNotifications(deps.database, actor.userId, { unreadOnly: q.unread === 'true', page: q.page, pageSize: q.pageSize });
      return { items: items.map(presentNotification), total, unread };
    },
    async unreadCount(actor: Actor) {
      return { unread: await countUnread(deps.database, actor.userId) };
    },
    async markRead(actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
      if (!(await markRead(deps.database, actor.userId, id, deps.clock()))) throw errors.notFound('通知', 'notification');
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'notification.read', objectType: 'notification', objectId: id });
    },
    async markAllRead(actor: Actor, origin: RequestOrigin) {
      const updated = await markAllRead(deps.database, actor.userId, deps.clock());
      await deps.audit.standalone(auditActorOf(actor), origin, { action: 'notification.read-all', details: { updated } });
      return { updated };
    },
    /** Every known kind with the user's channel (inbox when never set). */
    async preferences(actor: Actor) {
      const stored = await readPreferences(deps.database, actor.userId);
      const channels = new Map(stored.kinds.map((k) => [k.kind, k.channel]));
      return {
        email: stored.email,
        emailAvailable: Boolean(deps.config.smtpUrl),
        kinds: (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => ({ kind, channel: channels.get(kind) ?? 'inbox' })),
      };
    },
    async updatePreferences(actor: Actor, origin: RequestOrigin, prefs: NotificationPreferences) {
      if (prefs.kinds.some((k) => k.channel === 'inbox+email') && !prefs.email) {
        throw errors.validation([{ path: 'body.email', rule: 'required', message: '选择邮件提醒时须填写邮箱地址', messageEn: 'An e-mail address is needed for e-mail copies' }]);
      }
      const before = await readPreferences(deps.database, actor.userId);
      await inTransaction(deps, async (tx) => {
        await writePreferences(tx, actor.userId, prefs, deps.clock());
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'notification.preferences-update', objectType: 'user', objectId: actor.userId, before, after: prefs });
      });
      return this.preferences(actor);
    },
  };
}
