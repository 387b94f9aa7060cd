import type { FastifyRequest } from 'fastify';

/**
 * The path a request was routed by, for every security decision that depends on where a request goes
 * (session resolution, CSRF and Origin checks, rate limits, caching).
 *
 * SECURITY INVARIANT: never decide on the raw `request.url`. The router decodes percent-escapes, so
 * `/%61pi/auth/login` reaches the `/api/auth/login` handler while the raw string does not start with `/api/`;
 * a check on the raw string is skipped by such a request. A matched route answers with its declared pattern;
 * an unmatched one with its decoded path.
 */
export function routedPath(request: FastifyRequest): string {
  const pattern = request.routeOptions?.url;
  if (pattern) return pattern;
  const raw = request.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return routedPath(request).startsWith('/api/');
}
