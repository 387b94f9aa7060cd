/** The notifications feature (issue 10 §4): features send through `notify`; the inbox routes are per user. */
export { notify, type Notice, type NotifyResult } from './notify.ts';
export { registerNotificationRoutes } from './notification.routes.ts';
