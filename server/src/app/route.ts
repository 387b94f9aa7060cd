import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, RequestOrigin } from './actor.ts';
import { AppError, errors, type ErrorDetail } from './errors.ts';
import { roleHasPermission, type Access } from './permissions.ts';
import type { AppDeps } from './deps.ts';

const ZH_LOCALE = z.locales.zhCN();

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor | null;
  origin: RequestOrigin;
  deps: AppDeps;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDefinition<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  /** Required: a route without an access declaration does not compile, and the registry test lists them all. */
  access: Access;
  summary: string;
  tags?: string[];
  body?: B;
  query?: Q;
  params?: P;
  /** Response schemas by status, for the OpenAPI document; binary downloads declare none. */
  responses?: Record<number, z.ZodType>;
  /** Per-route rate limit (requests per minute), on top of the general one. */
  rateLimitPerMinute?: number;
  handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>;
}

export interface DeclaredRoute {
  method: Method;
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  responses: Record<number, z.ZodType>;
}

/** Every route declared through defineRoute, per app instance (read by the OpenAPI generator and tests). */
export const declaredRoutes = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/**
 * Registers a route in the fixed order: (rate limit by plugin) → authenticate → authorize → validate →
 * handler (which calls a service in a transaction and a presenter). Object-level checks (is this row in the
 * actor's scope?) belong to the entity's scope function, called by the service.
 */
export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  deps: AppDeps,
  def: RouteDefinition<B, Q, P>,
): void {
  const list = declaredRoutes.get(app) ?? [];
  list.push({
    method: def.method,
    url: def.url,
    access: def.access,
    summary: def.summary,
    tags: def.tags ?? [],
    body: def.body,
    query: def.query,
    params: def.params,
    responses: def.responses ?? {},
  });
  declaredRoutes.set(app, list);

  app.route({
    method: def.method,
    url: def.url,
    config: { access: def.access, ...(def.rateLimitPerMinute ? { rateLimit: { max: def.rateLimitPerMinute, timeWindow: 60_000 } } : {}) },
    handler: async (request, reply) => {
      const actor = request.actor;
      if (def.access !== 'public') {
        if (!actor) throw errors.unauthenticated();
        if (def.access !== 'session' && actor.stage !== 'active') throw errors.stepRequired(actor.stage);
      }
      // Authorize before validating: a role without the permission must not learn the request schema from
      // the validation messages.
      if (def.access !== 'public' && def.access !== 'session' && def.access !== 'authenticated') {
        // The refusal is audited by the error handler (refusal-audit.ts), like every other 403.
        if (!roleHasPermission(actor!.role, def.access)) throw errors.forbidden();
      }
      const params = parseOrThrow(def.params, request.params, 'params');
      const query = parseOrThrow(def.query, request.query, 'query');
      const body = parseOrThrow(def.body, request.body, 'body');
      const result = await def.handler({ body: body as z.infer<B>, query: query as z.infer<Q>, params: params as z.infer<P>, actor, origin: request.origin, deps, request, reply });
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(reply.statusCode === 200 ? 204 : reply.statusCode).send();
      return result;
    },
  });
}

function parseOrThrow<T extends z.ZodType | undefined>(schema: T, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) {
    // Defence in depth behind the contracts' text schemas: a NUL character cannot be stored in PostgreSQL
    // text at all, so any that a field's schema let through is refused here, located, for every route.
    const nulAt = findNul(result.data, [where]);
    if (nulAt) {
      throw errors.validation([{ path: nulAt.join('.'), rule: 'control-character', message: '不能包含控制字符', messageEn: 'must not contain control characters' }]);
    }
    return result.data;
  }
  // Messages in both languages: the English ones from the default parse, the Chinese ones from a re-parse
  // with Zod's zh-CN locale (only on failure, so the cost is paid by bad requests alone).
  const zhIssues = schema.safeParse(value ?? (where === 'body' ? undefined : {}), { error: ZH_LOCALE.localeError });
  const zh = zhIssues.success ? [] : zhIssues.error.issues;
  const details: ErrorDetail[] = result.error.issues.map((issue, i) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    rule: issue.code,
    message: zh[i]?.message ?? issue.message,
    messageEn: issue.message,
  }));
  throw errors.validation(details);
}

function findNul(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNul(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
