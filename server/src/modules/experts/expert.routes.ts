import type { FastifyInstance } from 'fastify';
import { expertInputSchema, expertListQuerySchema, expertPageSchema, expertUpdateSchema, expertViewSchema, revealedExpertContactsSchema, type ExpertInput, type ExpertView } from '../../../../contracts/experts.ts';
import { idParamSchema } from '../../../../contracts/common.ts';
import type { AppDeps } from '../../app/deps.ts';
import { registerCrudRoutes, loadReferenceIndex, callerOf } from '../registry-common/index.ts';
import { defineRoute } from '../../app/route.ts';
import { expertScope } from './expert.policy.ts';
import { conflictsOf, createExpertService, listExperts, presentExpert, type ExpertFilter } from './expert.service.ts';

/** The expert pool (专家库) with declared conflicts of interest. */
export function registerExpertRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = createExpertService(deps);
  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/experts/:id/contacts/reveal',
    access: 'personal.reveal',
    summary: 'One expert’s phone and e-mail in the clear (commission only; shown masked elsewhere); audited',
    tags: ['experts'],
    params: idParamSchema,
    responses: { 200: revealedExpertContactsSchema },
    handler: async ({ actor, origin, params }) => service.revealContacts(callerOf(actor!, origin), params.id),
  });
  registerCrudRoutes<ExpertInput, ExpertView>(app, deps, {
    base: '/api/experts',
    tag: 'experts',
    label: 'expert',
    permissions: { read: 'expert.read', write: 'expert.write', delete: 'expert.delete' },
    listQuery: expertListQuerySchema,
    page: expertPageSchema,
    view: expertViewSchema,
    input: expertInputSchema,
    update: expertUpdateSchema,
    list: async (actor, query) => {
      const db = deps.database.db;
      const { items, total } = await listExperts(db, expertScope(actor), query as ExpertFilter, query.page, query.pageSize);
      const [conflicts, index] = await Promise.all([conflictsOf(db, items.map((i) => i.id)), loadReferenceIndex(db)]);
      return { items: items.map((row) => presentExpert(actor, row, conflicts, index)), total };
    },
    service,
  });
}
