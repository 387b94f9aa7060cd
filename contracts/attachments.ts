import { z } from 'zod';

/** Evidence files attached to an object (issue 10 §5). Owner kinds are registered by features on the server. */
export const ATTACHMENT_OWNER_KINDS = ['enterprise', 'project', 'warning', 'supervision-report', 'policy-application'] as const;
export const attachmentOwnerKindSchema = z.enum(ATTACHMENT_OWNER_KINDS);
export type AttachmentOwnerKind = z.infer<typeof attachmentOwnerKindSchema>;

export const attachmentOwnerQuerySchema = z.object({ ownerKind: attachmentOwnerKindSchema, ownerId: z.string().uuid() }).strict();
export const attachmentIdParamSchema = z.object({ id: z.string().uuid() }).strict();

export const attachmentViewSchema = z.object({
  id: z.string(),
  ownerKind: z.string(),
  ownerId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;
export const attachmentListSchema = z.object({ items: z.array(attachmentViewSchema) });
