/** The attachments feature (issue 10 §5): evidence files under their owning object's scope. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerAttachmentRoutes } from './attachment.routes.ts';

export { registerAttachmentOwner, type AttachmentOwner } from './attachment-owners.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const attachmentsFeature = defineFeature({
  name: 'attachments',
  routes: registerAttachmentRoutes,
  permissions: permissionsNamed('attachment'),
  auditActions: auditActionsNamed('attachment'),
});
