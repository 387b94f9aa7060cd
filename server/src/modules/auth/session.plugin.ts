import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { isApiRequest } from '../../app/routed-url.ts';
import { timingSafeEqualString } from '../../domain/security/tokens.ts';
import type { AuthService } from './auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    origin: RequestOrigin;
  }
}

export function sessionCookieName(deps: AppDeps): string {
  // The __Host- prefix (Secure, Path=/, no Domain) is only valid over https.
  return deps.config.https ? '__Host-biomfg_sid' : 'biomfg_sid';
}

export function setSessionCookie(deps: AppDeps, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName(deps), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.https,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(deps: AppDeps, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(deps), { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.https });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication for every /api request, and CSRF protection for every cookie-authenticated mutation.
 *
 * SECURITY INVARIANT: a non-GET request that carries a session must present the session's CSRF token in
 * the `x-csrf-token` header (synchroniser token; a cross-site page can neither read it nor set the header
 * without a CORS preflight we never grant). Requests without a session (login) must be JSON and, when the
 * browser sends an Origin, come from our own origin.
 */
export function registerSessionHooks(app: FastifyInstance, deps: AppDeps, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('origin', null as unknown as RequestOrigin);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.origin = { ip: request.ip ?? null, requestId: String(request.id), userAgent: request.headers['user-agent'] ?? null };
    request.actor = null;
    if (!isApiRequest(request)) return;
    const token = request.cookies[sessionCookieName(deps)];
    if (token) request.actor = await auth.resolve(token);
    if (SAFE_METHODS.has(request.method)) return;
    if (request.actor) {
      const sent = request.headers['x-csrf-token'];
      // Refused with 403 and audited by the error handler (app/refusal-audit.ts).
      if (typeof sent !== 'string' || !timingSafeEqualString(sent, request.actor.csrfToken)) throw errors.csrf();
      return;
    }
    const origin = request.headers.origin;
    if (origin && !isSameOrigin(origin, request)) throw errors.csrf();
  });
}

function isSameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
