import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** Maps every error to the shared error shape; unknown errors are logged and answered generically. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const requestId = String(request.id);
    const status = error instanceof AppError ? error.status : ((error as FastifyError).statusCode ?? 500);
    await app.auditRefusal(request, status, error instanceof AppError ? error.code : String((error as FastifyError).code ?? status));
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.status).send({
        error: { code: error.code, message: error.messageZh, messageEn: error.messageEn, details: error.details, requestId },
      });
    }
    if (status === 429) {
      return reply.code(429).send({
        error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', messageEn: 'Too many requests; please slow down', requestId },
      });
    }
    if (status === 413) {
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大', messageEn: 'The request body is too large', requestId } });
    }
    if (status === 415) {
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型', messageEn: 'Unsupported content type', requestId } });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: 'BAD_REQUEST', message: '请求格式有误', messageEn: 'Malformed request', requestId } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: { code: 'INTERNAL', message: '服务器内部错误，请联系管理员并提供请求编号', messageEn: 'Internal error; contact the administrator with the request id', requestId },
    });
  });
}
