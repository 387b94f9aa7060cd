/** Attachment (附件) strings (Chinese, the reference). */
export const attachmentsZhCN = {
  tab: '附件',
  fileName: '文件名',
  size: '大小',
  uploadedAt: '上传时间',
  download: '下载',
  remove: '删除',
  removeConfirm: '删除附件“{{name}}”?',
  upload: '上传附件',
  uploaded: '附件已上传',
  hint: '可上传 PDF、图片(PNG、JPEG、WebP)和 Office 文档;按内容校验,每次下载都记入审计日志。',
  empty: '暂无附件',
};
