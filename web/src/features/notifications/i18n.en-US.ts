import type { notificationsZhCN } from './i18n.zh-CN.ts';

export const notificationsEnUS: { [K in keyof typeof notificationsZhCN]: string } = {
  title: 'Notifications',
  unreadCount_one: '{{count}} unread notification',
  unreadCount_other: '{{count}} unread notifications',
  summary: '{{unread}} unread',
  all: 'All',
  unread: 'Unread',
  new: 'New',
  empty: 'No notifications',
  open: 'Open',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  preferences: 'How to notify me',
  inboxOnly: 'Inbox only',
  inboxAndEmail: 'Inbox + e-mail',
  email: 'E-mail address for copies',
  emailUnavailable: 'The server has no mail server configured; notifications stay in the inbox.',
  saved: 'Preferences saved',
};
