import type { attachmentsZhCN } from './i18n.zh-CN.ts';

export const attachmentsEnUS: { [K in keyof typeof attachmentsZhCN]: string } = {
  tab: 'Attachments',
  fileName: 'File name',
  size: 'Size',
  uploadedAt: 'Uploaded',
  download: 'Download',
  remove: 'Remove',
  removeConfirm: 'Remove the attachment "{{name}}"?',
  upload: 'Upload a file',
  uploaded: 'File uploaded',
  hint: 'PDF, images (PNG, JPEG, WebP) and Office documents; checked by content; every download is audited.',
  empty: 'No attachments',
};
