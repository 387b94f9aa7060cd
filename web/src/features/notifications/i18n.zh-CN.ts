/** The inbox (通知) strings (Chinese, the reference). */
export const notificationsZhCN = {
  title: '通知',
  unreadCount_one: '{{count}} 条未读通知', unreadCount_other: '{{count}} 条未读通知',
  summary: '未读 {{unread}} 条',
  all: '全部',
  unread: '未读',
  new: '未读',
  empty: '暂无通知',
  open: '查看',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  preferences: '提醒方式',
  inboxOnly: '仅站内通知',
  inboxAndEmail: '站内通知 + 邮件',
  email: '接收邮件的地址',
  emailUnavailable: '服务器未配置邮件发送,暂只能使用站内通知。',
  saved: '提醒方式已保存',
};
