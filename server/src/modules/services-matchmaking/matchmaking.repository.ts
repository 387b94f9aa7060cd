import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { chainNodesTable, enterprises, supplyDemandMatches, supplyDemandPostings } from '../../db/schema/index.ts';
import type { NodeRef } from '../../domain/matchmaking/chain-relation.ts';
import type { SupplyDeclaration } from '../../domain/matchmaking/local-supply.ts';
import { MATCH_FROM } from './matchmaking.policy.ts';

const P = supplyDemandPostings;
export type PostingRow = typeof supplyDemandPostings.$inferSelect;
export type MatchRow = typeof supplyDemandMatches.$inferSelect;
export interface PostingItem {
  row: PostingRow;
  enterpriseName: string;
  node: { id: string; nameZh: string; nameEn: string; stage: string; templateId: string } | null;
}

const columns = {
  row: P,
  enterpriseName: enterprises.name,
  nodeId: chainNodesTable.id,
  nodeNameZh: chainNodesTable.nameZh,
  nodeNameEn: chainNodesTable.nameEn,
  nodeStage: chainNodesTable.stage,
  nodeTemplateId: chainNodesTable.templateId,
};
type Selected = { row: PostingRow; enterpriseName: string; nodeId: string | null; nodeNameZh: string | null; nodeNameEn: string | null; nodeStage: string | null; nodeTemplateId: string | null };
const toItem = (r: Selected): PostingItem => ({
  row: r.row,
  enterpriseName: r.enterpriseName,
  node: r.nodeId ? { id: r.nodeId, nameZh: r.nodeNameZh!, nameEn: r.nodeNameEn!, stage: r.nodeStage!, templateId: r.nodeTemplateId! } : null,
});
const selectPostings = (db: Db) =>
  db.select(columns).from(P).innerJoin(enterprises, eq(enterprises.id, P.enterpriseId)).leftJoin(chainNodesTable, eq(chainNodesTable.id, P.nodeId));

export function nodeRefOf(item: PostingItem): NodeRef | null {
  return item.node ? { id: item.node.id, templateId: item.node.templateId, stage: item.node.stage as NodeRef['stage'] } : null;
}

export interface PostingFilter {
  kind?: string | undefined;
  status?: string | undefined;
  ownEnterpriseId?: string | null | undefined;
  q?: string | undefined;
  nodeId?: string | undefined;
}

function filterConditions(scope: SQL, filter: PostingFilter): SQL[] {
  const conditions: SQL[] = [scope];
  if (filter.kind) conditions.push(eq(P.kind, filter.kind));
  if (filter.status) conditions.push(eq(P.status, filter.status));
  if (filter.ownEnterpriseId !== undefined) conditions.push(filter.ownEnterpriseId === null ? sql`false` : eq(P.enterpriseId, filter.ownEnterpriseId));
  if (filter.nodeId) conditions.push(eq(P.nodeId, filter.nodeId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${P.title} ILIKE ${like} OR ${P.description} ILIKE ${like} OR COALESCE(${P.specification}, '') ILIKE ${like} OR ${enterprises.name} ILIKE ${like})`);
  }
  return conditions;
}

export async function listPostings(db: Db, scope: SQL, filter: PostingFilter, page: number, pageSize: number): Promise<{ items: PostingItem[]; total: number }> {
  const where = and(...filterConditions(scope, filter));
  const rows = (await selectPostings(db).where(where).orderBy(desc(P.createdAt), desc(P.id)).limit(pageSize).offset((page - 1) * pageSize)) as Selected[];
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(P).innerJoin(enterprises, eq(enterprises.id, P.enterpriseId)).where(where);
  return { items: rows.map(toItem), total: Number(count?.n ?? 0) };
}

export async function findPosting(db: Db, scope: SQL, id: string, forUpdate = false): Promise<PostingItem | null> {
  const query = selectPostings(db).where(and(scope, eq(P.id, id)));
  const [row] = forUpdate ? await query.for('update', { of: P }) : await query;
  return row ? toItem(row as Selected) : null;
}

/** Open postings still valid on `today`, in `scope`: the pool candidates are drawn from (and the IDF corpus). */
export async function openPostings(db: Db, scope: SQL, today: string): Promise<PostingItem[]> {
  const rows = (await selectPostings(db).where(and(scope, eq(P.status, 'open'), sql`${P.validUntil} >= ${today}`)).orderBy(P.code)) as Selected[];
  return rows.map(toItem);
}

/**
 * Both postings of matches the caller may read (the match rule was applied when the match was loaded): a party
 * sees the other side's public part even after that posting closed. Unsafe on its own: call it only with the
 * ids of matches already read in scope.
 */
export async function unsafePostingsOfMatches(db: Db, ids: readonly string[]): Promise<Map<string, PostingItem>> {
  if (ids.length === 0) return new Map();
  const rows = (await selectPostings(db).where(inArray(P.id, [...new Set(ids)]))) as Selected[];
  return new Map(rows.map((r) => [r.row.id, toItem(r)]));
}

export async function nodeExists(db: Db, nodeId: string): Promise<boolean> {
  const [row] = await db.select({ id: chainNodesTable.id }).from(chainNodesTable).where(and(eq(chainNodesTable.id, nodeId), sql`${chainNodesTable.deletedAt} IS NULL`));
  return Boolean(row);
}

export async function nextPostingCode(db: Db, day: string): Promise<string> {
  const prefix = `GX${day.replaceAll('-', '')}`;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(P).where(sql`${P.code} LIKE ${prefix + '-%'}`);
  return `${prefix}-${String(Number(row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function insertPosting(db: Db, values: typeof P.$inferInsert): Promise<PostingRow> {
  const [row] = await db.insert(P).values(values).returning();
  return row!;
}

export async function updatePosting(db: Db, id: string, values: Partial<typeof P.$inferInsert>): Promise<void> {
  await db.update(P).set(values).where(eq(P.id, id));
}

// ---- matches ------------------------------------------------------------------------------------------

const M = supplyDemandMatches;
const matchColumns = sql`m.id, m.need_id AS "needId", m.offer_id AS "offerId", m.score::text AS score, m.reason, m.need_consent AS "needConsent",
  m.need_consent_at AS "needConsentAt", m.offer_consent AS "offerConsent", m.offer_consent_at AS "offerConsentAt", m.status,
  m.deal_amount::text AS "dealAmount", m.outcome_note AS "outcomeNote", m.outcome_at AS "outcomeAt", m.proposed_at AS "proposedAt", m.version,
  n.enterprise_id AS "needEnterpriseId", o.enterprise_id AS "offerEnterpriseId"`;

export interface MatchItem {
  id: string;
  needId: string;
  offerId: string;
  score: string;
  reason: MatchRow['reason'];
  needConsent: string;
  needConsentAt: Date | string | null;
  offerConsent: string;
  offerConsentAt: Date | string | null;
  status: string;
  dealAmount: string | null;
  outcomeNote: string | null;
  outcomeAt: Date | string | null;
  proposedAt: Date | string;
  version: number;
  needEnterpriseId: string;
  offerEnterpriseId: string;
}

export async function listMatches(db: Db, scope: SQL, filter: { status?: string | undefined; postingId?: string | undefined }, page: number, pageSize: number) {
  const conditions: SQL[] = [scope];
  if (filter.status) conditions.push(sql`m.status = ${filter.status}`);
  if (filter.postingId) conditions.push(sql`(m.need_id = ${filter.postingId} OR m.offer_id = ${filter.postingId})`);
  const where = sql.join(conditions.map((c) => sql`(${c})`), sql` AND `);
  const items = await rowsOf<MatchItem>(db, sql`SELECT ${matchColumns} FROM ${MATCH_FROM} WHERE ${where} ORDER BY m.proposed_at DESC, m.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const [count] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${MATCH_FROM} WHERE ${where}`);
  return { items, total: Number(count?.n ?? 0) };
}

export async function findMatch(db: Db, scope: SQL, id: string, forUpdate = false): Promise<MatchItem | null> {
  const [row] = await rowsOf<MatchItem>(db, sql`SELECT ${matchColumns} FROM ${MATCH_FROM} WHERE (${scope}) AND m.id = ${id} ${forUpdate ? sql`FOR UPDATE OF m` : sql``}`);
  return row ?? null;
}

/** Matches between `postingId` and any of the others (for the candidate list's "already proposed"). */
export async function matchesOfPosting(db: Db, postingId: string): Promise<{ id: string; needId: string; offerId: string }[]> {
  return db.select({ id: M.id, needId: M.needId, offerId: M.offerId }).from(M).where(sql`${M.needId} = ${postingId} OR ${M.offerId} = ${postingId}`);
}

export async function insertMatch(db: Db, values: typeof M.$inferInsert): Promise<string | null> {
  const [row] = await db.insert(M).values(values).onConflictDoNothing().returning({ id: M.id });
  return row?.id ?? null;
}

export async function updateMatch(db: Db, id: string, values: Partial<typeof M.$inferInsert>): Promise<void> {
  await db.update(M).set(values).where(eq(M.id, id));
}

/**
 * Every declared supplier of every need posted at a chain node (docs/decisions/0027): the suppliers agreed
 * with here (agreed, contacted, deal) — district enterprises, so local — and each need's declared current
 * source. District-wide and unscoped: the chain map receives ratios per node, never a row.
 */
export async function unsafeSupplyDeclarations(db: Db): Promise<SupplyDeclaration[]> {
  const agreed = await rowsOf<{ nodeId: string; buyer: string; supplier: string }>(
    db,
    sql`SELECT n.node_id AS "nodeId", n.enterprise_id AS buyer, o.enterprise_id AS supplier FROM ${MATCH_FROM}
        WHERE n.node_id IS NOT NULL AND m.status IN ('agreed', 'contacted', 'deal')`,
  );
  const declared = await db
    .select({ id: P.id, nodeId: P.nodeId, buyer: P.enterpriseId, source: P.currentSource })
    .from(P)
    .where(and(eq(P.kind, 'need'), sql`${P.nodeId} IS NOT NULL`, inArray(P.currentSource, ['local', 'outside'])));
  return [
    ...agreed.map((r) => ({ nodeId: r.nodeId, buyerEnterpriseId: r.buyer, supplierKey: r.supplier, local: true })),
    // one declared source per need: the same buyer declaring "outside" on two needs has two outside suppliers
    ...declared.map((r) => ({ nodeId: r.nodeId!, buyerEnterpriseId: r.buyer, supplierKey: `${r.source}:${r.id}`, local: r.source === 'local' })),
  ];
}
