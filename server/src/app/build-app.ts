import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import { createAuditService } from '../modules/audit/audit.service.ts';
import { createSecuritySettingsService } from '../modules/security/security-settings.service.ts';
import { databaseRateLimitStore } from '../modules/security/rate-limit-store.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { registerSessionHooks } from '../modules/auth/session.plugin.ts';
import type { AppDeps } from './deps.ts';
import { installErrorHandling } from './error-handler.ts';
import { registerFeatureRoutes } from './feature-routes.ts';
import type { FeatureManifest } from './feature.ts';
import { featureJobs } from './feature-jobs.ts';
import { createScheduler, type Scheduler } from '../modules/jobs/index.ts';
import { statsViewRefreshSettled } from '../modules/statistics/index.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { loggerOptions } from './logger.ts';
import { isApiRequest } from './routed-url.ts';
import { installRefusalAudit } from './refusal-audit.ts';
import type { ErrorCode } from '../../../contracts/error-codes.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: string | null;
}
export const registeredRoutes = new WeakMap<FastifyInstance, RegisteredRoute[]>();

export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Files under assets/ carry a content hash in their name (a new build gives new names): a browser may keep
 * them for a year without asking again. Everything else (index.html, which names the current assets; the
 * favicon) is revalidated on every load, so a new release is picked up at once.
 */
export function webCacheControl(file: string): string {
  return /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.br|\.gz)?$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  clock?: () => Date;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  logger?: boolean;
  /** The jobs this app runs (default: every feature's, app/feature-jobs.ts). */
  jobs?: ReturnType<typeof featureJobs>;
  /** The features whose routes it serves (default: FEATURES of app/feature-routes.ts; a test adds its own). */
  features?: readonly FeatureManifest[];
}

export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; deps: AppDeps; jobs: Scheduler }> {
  const { config, database } = options;
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config),
    // Client addresses come from X-Forwarded-For only when the direct peer is a configured proxy.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
  });
  // Only JSON (and multipart where a route accepts uploads): a cross-site form can post text/plain without
  // a preflight, so that parser is removed.
  app.removeContentTypeParser('text/plain');
  // Every route Fastify registers, with the access level it declared (a route added without defineRoute
  // has none, and the permission-registry test fails).
  const routeTable: RegisteredRoute[] = [];
  registeredRoutes.set(app, routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: (route.config as { access?: string } | undefined)?.access ?? null });
    }
  });

  const audit = createAuditService(database, clock);
  const settings = createSecuritySettingsService(database, config);
  const deps: AppDeps = { config, database, clock, audit, settings };
  const auth = createAuthService(deps);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    // DENY agrees with frame-ancestors 'none' (SAMEORIGIN, the default, would contradict it in old browsers).
    xFrameOptions: { action: 'deny' },
  });
  // Nothing the API answers may be kept by a browser or proxy cache: the session answer carries the CSRF
  // token, lists and exports carry scoped business data. Set before any hook or handler can throw, so errors
  // and downloads are covered too.
  app.addHook('onRequest', async (request, reply) => {
    if (isApiRequest(request)) reply.header('cache-control', 'no-store');
  });
  registerSessionHooks(app, deps, auth);
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Per signed-in user; per client address before sign-in.
    keyGenerator: (request) => (request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`),
    allowList: (request) => !isApiRequest(request),
    // Several server processes on one PostgreSQL count together in the database; the embedded engine has one
    // process, which counts in memory (docs/decisions/0033-stateless-app-servers.md).
    ...(database.kind === 'postgres' ? { store: databaseRateLimitStore(database) } : {}),
  });
  installRefusalAudit(app, audit);
  installErrorHandling(app);
  // Uploads (policy documents): one file, capped at the configured size; routes read it with request.file().
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, parts: 11, fieldSize: 64 * 1024 } });

  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    try {
      await database.query('SELECT 1 FROM schema_migrations LIMIT 1');
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'not-ready' });
    }
  });

  // The job runner is built with the app (the operations page runs jobs through it) but only `serve`
  // starts its schedule; closing the app waits for runs in progress.
  const jobs = createScheduler({ database, config, jobs: options.jobs ?? featureJobs(), log: (m) => app.log.info(m) });
  registerFeatureRoutes(app, deps, { auth, scheduler: jobs }, options.features);
  app.addHook('onClose', () => jobs.stop());
  // An approval's background recomputation of the statistics views finishes before the database closes.
  app.addHook('onClose', () => statsViewRefreshSettled(database.db));

  if (config.env !== 'production') {
    app.get('/api/docs', { config: { access: 'public' } }, async () => buildOpenApiDocument(app));
  }

  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST_DIR,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br/.gz beside each text file (web/vite-plugins.ts): sent as they are, no work per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => void reply.header('cache-control', webCacheControl(file)),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (no file extension, outside /api) get the single-page app.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0]!)) {
      return reply.type('text/html').header('cache-control', webCacheControl('index.html')).sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND' satisfies ErrorCode, message: '请求的地址不存在', messageEn: 'Not found', requestId: String(request.id) } });
  });
  return { app, deps, jobs };
}
