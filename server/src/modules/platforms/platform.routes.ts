import type { FastifyInstance } from 'fastify';
import { platformInputSchema, platformListQuerySchema, platformPageSchema, platformUpdateSchema, platformViewSchema, type PlatformInput, type PlatformView } from '../../../../contracts/platforms.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import { revealedContactSchema } from '../../../../contracts/registry-common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { registerCrudRoutes, loadReferenceIndex, callerOf } from '../registry-common/index.ts';
import { defineRoute } from '../../app/route.ts';
import { platformScope } from './platform.policy.ts';
import { createPlatformService, listPlatforms, presentPlatform, type PlatformFilter } from './platform.service.ts';

/** Platforms (研发 / 检验检测 / CRO / CMO / CDMO): a catalogue every business role reads, the commission keeps. */
export function registerPlatformRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createPlatformService(deps);
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/platforms/:id/contacts/reveal',
    access: 'personal.reveal',
    summary: 'One platform’s contact in the clear (shown masked elsewhere); audited',
    tags: ['platforms'],
    params: idParamSchema,
    responses: { 200: revealedContactSchema },
    handler: async ({ actor, origin, params }) => service.revealContact(callerOf(actor!, origin), params.id),
  });
  registerCrudRoutes<PlatformInput, PlatformView>(app, deps, {
    base: '/api/platforms',
    tag: 'platforms',
    label: 'platform',
    permissions: { read: 'platform.read', write: 'platform.write', delete: 'platform.delete' },
    listQuery: platformListQuerySchema,
    page: platformPageSchema,
    view: platformViewSchema,
    input: platformInputSchema,
    update: platformUpdateSchema,
    list: async (actor, query) => {
      const db = deps.database.db;
      const { items, total } = await listPlatforms(db, platformScope(actor), query as PlatformFilter, query.page, query.pageSize);
      const index = await loadReferenceIndex(db);
      return { items: items.map((i) => presentPlatform(i, index)), total };
    },
    service,
  });
}
