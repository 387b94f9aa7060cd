import type { FastifyInstance } from 'fastify';
import { asc, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { carriers, departments, domainSubfields, domains, zones } from '../../db/schema/index.ts';

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
    summary: 'Zones with their bases, map positions and carriers',
    tags,
    handler: async () => {
      const rows = await db().select().from(zones).orderBy(asc(zones.sortOrder));
      const cs = await db().select().from(carriers);
      return {
        items: rows.map((z) => ({
          id: z.id,
          code: z.code,
          nameZh: z.nameZh,
          nameEn: z.nameEn,
          baseZh: z.baseZh,
          lon: z.lon === null ? null : Number(z.lon),
          lat: z.lat === null ? null : Number(z.lat),
          carriers: cs.filter((c) => c.zoneId === z.id).map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, type: c.carrierType })),
        })),
      };
    },
  });
}
