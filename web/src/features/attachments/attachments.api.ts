import { attachmentListSchema, attachmentViewSchema, type AttachmentOwnerKind } from '../../../../contracts/attachments.ts';
import { api, saveBlob } from '../../app/api.ts';

export const listAttachments = (ownerKind: AttachmentOwnerKind, ownerId: string, signal?: AbortSignal) =>
  api.get('/api/attachments', attachmentListSchema, { query: { ownerKind, ownerId }, ...(signal ? { signal } : {}) });
export const uploadAttachment = (ownerKind: AttachmentOwnerKind, ownerId: string, file: File) =>
  api.upload(`/api/attachments?ownerKind=${ownerKind}&ownerId=${encodeURIComponent(ownerId)}`, attachmentViewSchema, file, file.name);
export const removeAttachment = (id: string) => api.command('DELETE', `/api/attachments/${id}`);
export async function downloadAttachment(id: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await api.download(`/api/attachments/${id}`);
  saveBlob(blob, filename ?? fallbackName);
}
