import type { NotificationKind } from '../../../../contracts/notifications.ts';
import { BUSINESS_ROLES, type Role } from '../../../../contracts/roles.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { deliverEmail } from './email-delivery.ts';
import { insertNotifications, resolveRecipients } from './notification.repository.ts';

export interface Notice {
  kind: NotificationKind;
  /** What the notice is about: with the kind and the day, the de-duplication key. */
  object: { kind: string; id: string };
  /** Who gets it: accounts of these roles, optionally only those scoped to one object; or named accounts. */
  recipients: { roles: readonly Role[]; scope?: { kind: 'enterprise' | 'zone' | 'department'; id: string }; userIds?: readonly string[] };
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  /** A path of the web app that shows the object. */
  link?: string | null;
}

export interface NotifyDeps {
  database: Database;
  config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>;
  now: () => Date;
}

export interface NotifyResult {
  recipients: number;
  created: number;
  emailed: number;
  emailFailed: number;
}

/**
 * The one way features send a notification. Each recipient gets it once per (kind, object, Shanghai day):
 * a second call the same day adds nothing and mails nothing. Recipients who chose "inbox + e-mail" for the
 * kind, and left an address, also get an e-mail when SMTP_URL is set; a failed e-mail is recorded on the
 * notification, retried by the notification-email-retry job with back-off (email-delivery.ts), and never
 * fails the caller (the inbox copy is the notice of record).
 *
 * SECURITY INVARIANT: only business roles receive notifications; the three administrators (三员) read no
 * business data, so a notice addressed to them is refused here.
 */
export async function notify(deps: NotifyDeps, notice: Notice): Promise<NotifyResult> {
  const roles = notice.recipients.roles.filter((r) => (BUSINESS_ROLES as readonly string[]).includes(r));
  if (roles.length !== notice.recipients.roles.length) throw new Error(`notify: ${notice.kind} addressed to an administrator role`);
  const userIds = await resolveRecipients(deps.database, { roles, scope: notice.recipients.scope, userIds: notice.recipients.userIds });
  const at = deps.now();
  const added = await insertNotifications(deps.database, userIds, {
    kind: notice.kind,
    objectKind: notice.object.kind,
    objectId: notice.object.id,
    day: shanghaiDay(at),
    titleZh: notice.titleZh,
    titleEn: notice.titleEn,
    bodyZh: notice.bodyZh,
    bodyEn: notice.bodyEn,
    link: notice.link ?? null,
    createdAt: at,
  });
  let emailed = 0;
  let emailFailed = 0;
  const smtpUrl = deps.config.smtpUrl;
  if (smtpUrl) {
    for (const row of added) {
      if (!row.email) continue;
      const copy = { id: row.id, to: row.email, attempts: 0, titleZh: notice.titleZh, titleEn: notice.titleEn, bodyZh: notice.bodyZh, bodyEn: notice.bodyEn };
      if (await deliverEmail(deps, smtpUrl, copy)) emailed++;
      else emailFailed++;
    }
  }
  return { recipients: userIds.length, created: added.length, emailed, emailFailed };
}
