import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditService } from '../modules/audit/audit.service.ts';
import { auditActorOf } from '../modules/audit/audit.service.ts';
import { routedPath } from './routed-url.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Audits a refused request (see installRefusalAudit); also called by streamed answers that fail late. */
    auditRefusal: (request: FastifyRequest, status: number, code: string) => Promise<void>;
  }
}

/** Content types of JSON requests; any other body on a mutation is an uploaded file. */
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b/i;

/**
 * SECURITY INVARIANT — one mechanism audits every refusal, for every route, keyed on the routed request (not on
 * per-route code, which a new route would forget):
 * - every 403 (a permission the role lacks, a failed CSRF check, a 三员分立 or department refusal);
 * - every 404 answered on a matched route to a signed-in caller: an id outside the caller's scope answers
 *   "not found" (so ids cannot be probed), and the probe is recorded;
 * - every 4xx answer to an upload (a request whose body is a file, not JSON): refused imports and uploads.
 * The record names the route pattern, the permission it declares, the error code and the ids in the path.
 */
export function shouldAuditRefusal(request: FastifyRequest, status: number): boolean {
  if (status === 403) return true;
  const matched = Boolean(request.routeOptions?.url);
  if (status === 404 && matched && request.actor) return true;
  const type = request.headers['content-type'];
  const isUpload = request.method !== 'GET' && typeof type === 'string' && !JSON_TYPE.test(type);
  return isUpload && status >= 400 && status < 500 && status !== 401 && status !== 429;
}

export function installRefusalAudit(app: FastifyInstance, audit: AuditService): void {
  app.decorate('auditRefusal', async (request: FastifyRequest, status: number, code: string) => {
    if (!shouldAuditRefusal(request, status)) return;
    const access = (request.routeOptions?.config as { access?: string } | undefined)?.access ?? null;
    try {
      await audit.standalone(auditActorOf(request.actor), request.origin, {
        action: 'access.denied',
        outcome: 'denied',
        details: {
          status,
          code,
          method: request.method,
          url: routedPath(request),
          ...(access && access !== 'public' && access !== 'session' && access !== 'authenticated' ? { permission: access } : {}),
          ...(request.params && typeof request.params === 'object' && Object.keys(request.params).length ? { params: request.params } : {}),
        },
      });
    } catch (error) {
      // The refusal still reaches the client; a failed audit write is an operator's problem, logged loudly.
      request.log.error({ err: error }, 'refusal audit failed');
    }
  });
}
