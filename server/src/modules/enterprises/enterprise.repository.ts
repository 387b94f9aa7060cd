import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { contactSearchOf } from './enterprise-contacts.ts';
import type { EnterpriseFilter as ContractFilter } from '../../../../contracts/enterprises.ts';
import type { Db } from '../../db/client.ts';
import { carriers, chainNodesTable, domains, enterpriseChainNodes, enterprises, zones } from '../../db/schema/index.ts';

export type EnterpriseFilter = Partial<Omit<ContractFilter, 'order'>> & { order?: 'asc' | 'desc' | undefined };

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
  subfield: enterprises.subfield,
  carrierCode: carriers.code,
  carrierName: carriers.nameZh,
  status: enterprises.status,
  foundedOn: enterprises.foundedOn,
  updatedAt: enterprises.updatedAt,
};

export interface EnterpriseListRow {
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
  subfield: string | null;
  carrierCode: string | null;
  carrierName: string | null;
  status: string;
  foundedOn: string | null;
  updatedAt: Date;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

function filterOf(scope: SQL, filter: EnterpriseFilter): SQL {
  const conditions: SQL[] = [scope];
  if (filter.q) {
    const like = escapeLike(filter.q);
    const contact = contactSearchOf(filter.q);
    conditions.push(
      or(ilike(enterprises.name, like), ilike(enterprises.uscc, like), contact ? sql`${enterprises.contacts} @> ${JSON.stringify([contact])}::jsonb` : undefined)!,
    );
  }
  if (filter.domain) conditions.push(eq(domains.code, filter.domain));
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  if (filter.stage) conditions.push(eq(enterprises.stage, filter.stage));
  if (filter.status) conditions.push(eq(enterprises.status, filter.status));
  if (filter.tag) conditions.push(sql`${filter.tag} = ANY(${enterprises.tags})`);
  if (filter.aboveScale !== undefined) conditions.push(eq(enterprises.isAboveScale, filter.aboveScale));
  if (filter.carrier) conditions.push(eq(carriers.code, filter.carrier));
  if (filter.node) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${enterpriseChainNodes} JOIN ${chainNodesTable} ON ${chainNodesTable.id} = ${enterpriseChainNodes.nodeId}
                  WHERE ${enterpriseChainNodes.enterpriseId} = ${enterprises.id} AND ${chainNodesTable.code} = ${filter.node})`,
    );
  }
  return and(...conditions)!;
}

const SORTS = {
  name: enterprises.name,
  uscc: enterprises.uscc,
  foundedOn: enterprises.foundedOn,
  updatedAt: enterprises.updatedAt,
  stage: enterprises.stage,
} as const;

function orderOf(filter: EnterpriseFilter) {
  const column = SORTS[filter.sort ?? 'name'];
  const direction = filter.order === 'desc' ? desc : asc;
  return [direction(column), asc(enterprises.id)];
}

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(enterprises)
    .leftJoin(domains, eq(domains.id, enterprises.domainId))
    .leftJoin(zones, eq(zones.id, enterprises.zoneId))
    .leftJoin(carriers, eq(carriers.id, enterprises.carrierId));
}

/** Lists enterprises within `scope` (from enterpriseScope); the caller cannot forget it: it is a parameter. */
export async function listEnterprises(db: Db, scope: SQL, filter: EnterpriseFilter, page: number, pageSize: number) {
  const where = filterOf(scope, filter);
  const [items, [count]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(...orderOf(filter))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(enterprises)
      .leftJoin(domains, eq(domains.id, enterprises.domainId))
      .leftJoin(zones, eq(zones.id, enterprises.zoneId))
      .leftJoin(carriers, eq(carriers.id, enterprises.carrierId))
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
  const [row] = await baseQuery(db).where(and(scope, eq(enterprises.id, id)));
  return row as EnterpriseListRow | undefined;
}

/** The full row (every column) of an enterprise inside `scope`. */
export async function findEnterpriseRow(db: Db, scope: SQL, id: string) {
  const [row] = await db.select().from(enterprises).where(and(scope, eq(enterprises.id, id)));
  return row;
}
export type EnterpriseRow = typeof enterprises.$inferSelect;

/** Chain nodes of several enterprises: enterprise id → [{code, name, stage, isPrimary}] (primary first). */
export async function chainNodesOf(db: Db, enterpriseIds: readonly string[]) {
  const result = new Map<string, { code: string; name: string; stage: string; isPrimary: boolean }[]>();
  if (enterpriseIds.length === 0) return result;
  const rows = await db
    .select({ enterpriseId: enterpriseChainNodes.enterpriseId, code: chainNodesTable.code, name: chainNodesTable.nameZh, stage: chainNodesTable.stage, isPrimary: enterpriseChainNodes.isPrimary, sortOrder: chainNodesTable.sortOrder })
    .from(enterpriseChainNodes)
    .innerJoin(chainNodesTable, eq(chainNodesTable.id, enterpriseChainNodes.nodeId))
    .where(and(inArray(enterpriseChainNodes.enterpriseId, [...enterpriseIds]), isNull(chainNodesTable.deletedAt)));
  rows.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.sortOrder - b.sortOrder);
  for (const r of rows) {
    const list = result.get(r.enterpriseId) ?? [];
    list.push({ code: r.code, name: r.name, stage: r.stage, isPrimary: r.isPrimary });
    result.set(r.enterpriseId, list);
  }
  return result;
}

/** Replaces an enterprise's chain-node mapping; the first node is its main one. */
export async function replaceEnterpriseNodes(tx: Db, enterpriseId: string, nodeIds: readonly string[]): Promise<void> {
  await tx.delete(enterpriseChainNodes).where(eq(enterpriseChainNodes.enterpriseId, enterpriseId));
  const unique = [...new Set(nodeIds)];
  if (unique.length) await tx.insert(enterpriseChainNodes).values(unique.map((nodeId, i) => ({ enterpriseId, nodeId, isPrimary: i === 0 })));
}

/**
 * unsafeFindEnterpriseByUscc — deliberately outside any scope: uniqueness of the code is global (the same
 * code cannot be registered twice, whoever registered it first). Callers must not reveal the found row to an
 * actor outside its scope; they only say that the code is taken.
 */
export async function unsafeFindEnterpriseByUscc(db: Db, uscc: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, zoneId: enterprises.zoneId, deletedAt: enterprises.deletedAt, mergedIntoId: enterprises.mergedIntoId, version: enterprises.version })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc));
  return row;
}

/** USCC → (id, zone, deleted) for many codes at once (import duplicate detection; same caveat as above). */
export async function unsafeFindEnterprisesByUscc(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name, zoneId: enterprises.zoneId, deletedAt: enterprises.deletedAt, version: enterprises.version })
    .from(enterprises)
    .where(inArray(enterprises.uscc, [...codes]));
}

/**
 * Enterprise ids by credit code, only for enterprises inside `scope` (the caller's enterpriseScope): a code
 * registered outside the scope resolves like an unregistered one, so the answer reveals nothing.
 */
export async function enterpriseIdsByUsccInScope(db: Db, scope: SQL, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(and(scope, inArray(enterprises.uscc, [...codes])));
  return new Map(rows.map((r) => [r.uscc, r.id]));
}

/** Names within `scope`, for the near-duplicate check. */
export async function namesInScope(db: Db, scope: SQL) {
  return db.select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc }).from(enterprises).where(scope);
}
