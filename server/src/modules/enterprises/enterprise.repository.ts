import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { domains, enterprises, zones } from '../../db/schema/index.ts';

export interface EnterpriseFilter {
  q?: string | undefined;
  domain?: string | undefined;
  zone?: string | undefined;
}

const columns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  stage: enterprises.stage,
  isAboveScale: enterprises.isAboveScale,
  tags: enterprises.tags,
  isDemo: enterprises.isDemo,
  domainCode: domains.code,
  domainName: domains.nameZh,
  zoneCode: zones.code,
  zoneName: zones.nameZh,
};

export type EnterpriseListRow = { [K in keyof typeof columns]: unknown } & {
  id: string;
  uscc: string;
  name: string;
  stage: string;
  isAboveScale: boolean;
  tags: string[];
  isDemo: boolean;
  domainCode: string | null;
  domainName: string | null;
  zoneCode: string | null;
  zoneName: string | null;
};

function filterOf(scope: SQL, filter: EnterpriseFilter): SQL {
  const conditions: SQL[] = [scope];
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(enterprises.name, like), ilike(enterprises.uscc, like))!);
  }
  if (filter.domain) conditions.push(eq(domains.code, filter.domain));
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  return and(...conditions)!;
}

/** Lists enterprises within `scope` (from enterpriseScope); the caller cannot forget it: it is a parameter. */
export async function listEnterprises(db: Db, scope: SQL, filter: EnterpriseFilter, page: number, pageSize: number) {
  const where = filterOf(scope, filter);
  const base = () => db.select(columns).from(enterprises).leftJoin(domains, eq(domains.id, enterprises.domainId)).leftJoin(zones, eq(zones.id, enterprises.zoneId));
  const [items, [count]] = await Promise.all([
    base().where(where).orderBy(enterprises.name, enterprises.id).limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(enterprises)
      .leftJoin(domains, eq(domains.id, enterprises.domainId))
      .leftJoin(zones, eq(zones.id, enterprises.zoneId))
      .where(where),
  ]);
  return { items: items as EnterpriseListRow[], total: count?.n ?? 0 };
}

export async function* iterateEnterprises(db: Db, scope: SQL, filter: EnterpriseFilter, batch = 1000) {
  for (let page = 1; ; page++) {
    const { items } = await listEnterprises(db, scope, filter, page, batch);
    yield* items;
    if (items.length < batch) return;
  }
}

export async function findEnterprise(db: Db, scope: SQL, id: string): Promise<EnterpriseListRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(enterprises)
    .leftJoin(domains, eq(domains.id, enterprises.domainId))
    .leftJoin(zones, eq(zones.id, enterprises.zoneId))
    .where(and(scope, eq(enterprises.id, id)));
  return row as EnterpriseListRow | undefined;
}
