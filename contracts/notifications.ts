import { z } from 'zod';

/**
 * Notification kinds (issue 10 §4). A feature that sends a kind adds it here, with its labels, so the
 * preferences page can offer it and the inbox can name it.
 */
export const NOTIFICATION_KINDS = {
  'report.deadline-reminder': { zh: '月报截止提醒', en: 'Monthly report deadline reminder' },
  // Warnings 预警 (issue 11 §1): a new warning, each lifecycle step, an escalation.
  'warning.opened': { zh: '新预警', en: 'New warning' },
  'warning.step': { zh: '预警处置进展', en: 'Warning follow-up step' },
  'warning.escalated': { zh: '预警逾期升级', en: 'Warning escalated' },
  'supervision.reminder': { zh: '督办节点与报送提醒', en: 'Supervision deadline reminder' },
  'supervision.overdue': { zh: '红色督办升级', en: 'Overdue supervision item escalated' },
  'service-request.sla-reminder': { zh: '企业诉求时限提醒', en: 'Enterprise request: SLA reminder' },
  'service-request.escalated': { zh: '企业诉求超时督办', en: 'Enterprise request: past its SLA' },
  'booking.requested': { zh: '仪器预约待审批', en: 'Instrument booking to approve' },
  'booking.decided': { zh: '仪器预约审批结果', en: 'Instrument booking decision' },
  'booking.offered': { zh: '候补时段空出', en: 'Wait-listed slot offered' },
  'policy-application.decided': { zh: '政策申报审核结果', en: 'Policy application decision' },
  'policy.eligible': { zh: '惠企政策推送', en: 'Policy you are eligible for' },
  // Technology transfer 成果转化 (issue 14 §3)
  'tech.introduction-requested': { zh: '成果对接申请', en: 'Introduction requested for a listing' },
  'tech.introduction-decided': { zh: '成果对接申请结果', en: 'Introduction request decision' },
  'tech.challenge-pushed': { zh: '技术需求推送', en: 'A challenge matching your listing' },
  'tech.evaluation-assigned': { zh: '成果评价任务', en: 'Evaluation assigned to you' },
  // Supply–demand matchmaking (issue 14 §2): a proposed match, the other side's answer, an outcome.
  'matchmaking.proposed': { zh: '供需对接推荐', en: 'Supply–demand match proposed' },
  'matchmaking.consent': { zh: '供需对接答复', en: 'Supply–demand match answered' },
  'matchmaking.outcome': { zh: '供需对接结果', en: 'Supply–demand match outcome' },
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const notificationKindSchema = z.enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]);

export const notificationChannelSchema = z.enum(['inbox', 'inbox+email']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  objectKind: z.string(),
  objectId: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string(),
  bodyEn: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const notificationListQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export const notificationPageSchema = z.object({ items: z.array(notificationViewSchema), total: z.number().int(), unread: z.number().int() });
export const unreadCountSchema = z.object({ unread: z.number().int() });
export const notificationIdParamSchema = z.object({ id: z.string().uuid() }).strict();

export const notificationPreferencesSchema = z
  .object({
    email: z.string().trim().email().max(254).nullable(),
    kinds: z.array(z.object({ kind: notificationKindSchema, channel: notificationChannelSchema }).strict()).max(50),
  })
  .strict();
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export const notificationPreferencesViewSchema = notificationPreferencesSchema.extend({ emailAvailable: z.boolean() });
