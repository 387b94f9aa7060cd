import type { NotificationView } from '../../../../contracts/notifications.ts';
import type { NotificationRow } from './notification.repository.ts';

export function presentNotification(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    objectKind: row.object_kind,
    objectId: row.object_id,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    bodyZh: row.body_zh,
    bodyEn: row.body_en,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
  };
}
