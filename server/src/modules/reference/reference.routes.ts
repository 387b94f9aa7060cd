import type { FastifyInstance } from 'fastify';
import { asc, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { departments, domainSubfields, domains } from '../../db/schema/index.ts';
import { carrierScope } from '../carriers/index.ts';
import { listZonesWithCarriers } from './reference.repository.ts';

/** Reference data (departments, domains, zones and carriers): public within the platform's business roles. */
export function registerReferenceRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['reference'];
  const db = () => deps.database.db;
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/reference/departments',
    access: 'reference.read',
    summary: 'Departments (responsible units) not deleted, in registry order',
    tags,
    handler: async () => ({ items: await db().select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(isNull(departments.deletedAt)).orderBy(asc(departments.sortOrder), asc(departments.code)) }),
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/reference/domains',
    access: 'reference.read',
    summary: 'Key domains and their sub-fields',
    tags,
    handler: async () => {
      const rows = await db().select().from(domains).orderBy(asc(domains.sortOrder));
      const subs = await db().select().from(domainSubfields);
      return { items: rows.map((d) => ({ id: d.id, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, subfields: subs.filter((s) => s.domainId === d.id).map((s) => ({ nameZh: s.nameZh, nameEn: s.nameEn })) })) };
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/reference/zones',
    access: 'reference.read',
    summary: 'Zones with their bases, map positions and the carriers the caller may read',
    tags,
    // The carriers under each zone are those the caller may read (carrier.policy.ts): enterprises and providers
    // get the zones without carriers, a park its own zone's.
    handler: async ({ actor }) => ({ items: await listZonesWithCarriers(db(), carrierScope(actor!)) }),
  });
}
