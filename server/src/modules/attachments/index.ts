/** The attachments feature (issue 10 §5): evidence files under their owning object's scope. */
export { registerAttachmentRoutes } from './attachment.routes.ts';
export { registerAttachmentOwner, type AttachmentOwner } from './attachment-owners.ts';
