/** The notifications feature (issue 10 §4): features send through `notify`; the inbox routes are per user. */
import { auditActionsNamed, defineFeature } from '../../app/feature.ts';
import { registerNotificationRoutes } from './notification.routes.ts';
import { notificationEmailRetryJob } from './email-delivery.ts';
export { notify, type Notice, type NotifyResult } from './notify.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const notificationsFeature = defineFeature({
  name: 'notifications',
  routes: registerNotificationRoutes,
  jobs: [notificationEmailRetryJob],
  auditActions: auditActionsNamed('notification'),
});
