import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../../contracts/error-codes.ts';
import { AppError } from './errors.ts';

/** The envelope of a code with its general text (contracts/error-codes.ts). */
function envelope(code: ErrorCode, requestId: string) {
  return { error: { code, message: ERROR_CODES[code].zh, messageEn: ERROR_CODES[code].en, requestId } };
}

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
      return reply.code(429).send(envelope('RATE_LIMITED', requestId));
    }
    if (status === 413) {
      return reply.code(413).send(envelope('PAYLOAD_TOO_LARGE', requestId));
    }
    if (status === 415) {
      return reply.code(415).send(envelope('UNSUPPORTED_MEDIA_TYPE', requestId));
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(envelope('BAD_REQUEST', requestId));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(envelope('INTERNAL', requestId));
  });
}
