import type { FastifyInstance, FastifyRequest } from 'fastify';
import { attachmentIdParamSchema, attachmentListSchema, attachmentOwnerQuerySchema, attachmentViewSchema } from '../../../../contracts/attachments.ts';
import type { AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import { defineRoute } from '../../app/route.ts';
import { contentDisposition } from './attachment.presenter.ts';
import { createAttachmentService } from './attachment.service.ts';

/** Reads the one file of a multipart upload, refusing more than MAX_UPLOAD_MB while it streams. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError(415, 'UPLOAD_NOT_MULTIPART', '请以表单文件方式上传(multipart/form-data)', 'Upload the file as multipart/form-data');
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    if (!file) throw new AppError(400, 'UPLOAD_NO_FILE', '没有收到文件', 'No file was received');
    return { buffer: await file.toBuffer(), fileName: file.filename };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    const mb = Math.round(maxBytes / 1024 / 1024);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'ATTACHMENT_TOO_LARGE', `文件过大(上限 ${mb} MB)`, `The file is too large (limit ${mb} MB)`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError(400, 'UPLOAD_ONE_FILE', '一次只能上传一个文件', 'Upload exactly one file');
    throw new AppError(400, 'UPLOAD_MALFORMED', '上传的数据不完整或格式有误,请重试', 'The upload is incomplete or malformed; try again');
  }
}

/** Evidence files of an owning object; scope by owner kind in attachment-owners.ts. */
export function registerAttachmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createAttachmentService(deps);
  const tags = ['attachments'];
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attachments',
    access: 'attachment.read',
    summary: "An object's attachments (404 when the object is outside the caller's scope)",
    tags,
    query: attachmentOwnerQuerySchema,
    responses: { 200: attachmentListSchema },
    handler: async ({ actor, query }) => ({ items: await service.list(actor!, query.ownerKind, query.ownerId) }),
  });
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/attachments',
    access: 'attachment.write',
    summary: 'Attach a file (PDF, image, Office document; checked by content) to an object',
    tags,
    query: attachmentOwnerQuerySchema,
    responses: { 201: attachmentViewSchema },
    handler: async ({ actor, origin, query, request, reply }) => {
      const file = await readUpload(request, deps.config.maxUploadBytes);
      const view = await service.upload(actor!, origin, query.ownerKind, query.ownerId, file);
      reply.code(201);
      return view;
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/attachments/:id',
    access: 'attachment.read',
    summary: 'Download an attachment (audited)',
    tags,
    params: attachmentIdParamSchema,
    handler: async ({ actor, origin, params, reply }) => {
      const file = await service.download(actor!, origin, params.id);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  });
  defineRoute(app, deps, {
    method: 'DELETE',
    url: '/api/attachments/:id',
    access: 'attachment.write',
    summary: 'Remove an attachment from its object (the stored file stays for the audit trail and backups)',
    tags,
    params: attachmentIdParamSchema,
    handler: async ({ actor, origin, params }) => {
      await service.remove(actor!, origin, params.id);
    },
  });
}
