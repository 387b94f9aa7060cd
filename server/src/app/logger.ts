import type { FastifyServerOptions } from 'fastify';
import type { AppConfig } from '../config/config.ts';

/**
 * Structured JSON logs with request ids. Cookies, CSRF tokens and authorisation headers are redacted, and
 * request bodies are never logged (they carry passwords and confidential figures).
 */
export function loggerOptions(config: AppConfig): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '***',
    },
    serializers: {
      req(request) {
        return { method: request.method, url: request.url.split('?')[0], ip: request.ip, id: request.id };
      },
    },
  };
}
