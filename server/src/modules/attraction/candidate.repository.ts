import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { candidateScope, targetScope } from './attraction.policy.ts';

/**
 * The candidate pool's SQL. Candidates are always read through candidateScope, and what hangs off them (targets,
 * contact history) through targetScope: a park never learns of a department's target by a count. Table names are
 * not aliased because the scope predicates name their tables.
 */

export interface CandidateRow {
  id: string;
  code: string;
  name: string;
  domainId: string | null;
  nodeId: string | null;
  nodes: { id: string; code: string; name: string; nameEn: string; domain: string }[];
  sizeTier: string | null;
  annualRevenue: number | null;
  employees: number | null;
  city: string | null;
  province: string | null;
  isListed: boolean;
  products: string[];
  source: string;
  note: string | null;
  openTargets: number;
  lastContactOn: string | null;
  isDemo: boolean;
  version: number;
  updatedAt: string;
}

export interface CandidateFilter {
  q?: string | undefined;
  domain?: string | undefined;
  node?: string | undefined;
  source?: string | undefined;
  sizeTier?: string | undefined;
  ids?: readonly string[] | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/** Activities the caller may see: pool-level contacts, and those of targets in its target scope. */
export function visibleActivity(actor: Actor): SQL {
  return sql`(attraction_activities.target_id IS NULL OR attraction_activities.target_id IN (SELECT attraction_targets.id FROM attraction_targets WHERE ${targetScope(actor)}))`;
}

function candidateSelect(actor: Actor, where: SQL): SQL {
  return sql`
    SELECT candidate_companies.id, candidate_companies.code, candidate_companies.name, candidate_companies.domain_id, candidate_companies.node_id,
           candidate_companies.size_tier, candidate_companies.annual_revenue, candidate_companies.employees, candidate_companies.city,
           candidate_companies.province, candidate_companies.is_listed, candidate_companies.products, candidate_companies.source,
           candidate_companies.note, candidate_companies.is_demo, candidate_companies.version,
           to_json(candidate_companies.updated_at) #>> '{}' AS updated_at,
           coalesce((SELECT json_agg(json_build_object('id', n.id, 'code', n.code, 'name', n.name_zh, 'nameEn', n.name_en, 'domain', d.code)
                                     ORDER BY (n.id = candidate_companies.node_id) DESC, n.sort_order, n.code)
                       FROM candidate_chain_nodes cn JOIN chain_nodes n ON n.id = cn.node_id
                       JOIN chain_templates t ON t.id = n.template_id JOIN domains d ON d.id = t.domain_id
                      WHERE cn.candidate_id = candidate_companies.id), '[]'::json) AS nodes,
           (SELECT count(*)::int FROM attraction_targets WHERE attraction_targets.candidate_id = candidate_companies.id
               AND attraction_targets.status = 'open' AND ${targetScope(actor)}) AS open_targets,
           (SELECT max(attraction_activities.occurred_on)::text FROM attraction_activities
             WHERE attraction_activities.candidate_id = candidate_companies.id AND ${visibleActivity(actor)}) AS last_contact_on
      FROM candidate_companies
     WHERE ${candidateScope(actor)} AND ${where}`;
}

function filterSql(filter: CandidateFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.q) parts.push(sql`(candidate_companies.name ILIKE ${escapeLike(filter.q)} OR candidate_companies.code ILIKE ${escapeLike(filter.q)} OR array_to_string(candidate_companies.products, ' ') ILIKE ${escapeLike(filter.q)})`);
  if (filter.domain) parts.push(sql`candidate_companies.domain_id = (SELECT id FROM domains WHERE code = ${filter.domain})`);
  if (filter.node) parts.push(sql`EXISTS (SELECT 1 FROM candidate_chain_nodes cn JOIN chain_nodes n ON n.id = cn.node_id WHERE cn.candidate_id = candidate_companies.id AND n.code = ${filter.node})`);
  if (filter.source) parts.push(sql`candidate_companies.source = ${filter.source}`);
  if (filter.sizeTier) parts.push(sql`candidate_companies.size_tier = ${filter.sizeTier}`);
  if (filter.ids) parts.push(filter.ids.length === 0 ? sql`false` : sql`candidate_companies.id IN (${sql.join(filter.ids.map((id) => sql`${id}`), sql`, `)})`);
  return sql.join(parts, sql` AND `);
}

function rowOf(r: Record<string, unknown>): CandidateRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const nodes = typeof r.nodes === 'string' ? JSON.parse(r.nodes) : r.nodes;
  return {
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    domainId: (r.domain_id as string | null) ?? null,
    nodeId: (r.node_id as string | null) ?? null,
    nodes: (nodes as CandidateRow['nodes']) ?? [],
    sizeTier: (r.size_tier as string | null) ?? null,
    annualRevenue: num(r.annual_revenue),
    employees: num(r.employees),
    city: (r.city as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    isListed: Boolean(r.is_listed),
    products: (r.products as string[] | null) ?? [],
    source: String(r.source),
    note: (r.note as string | null) ?? null,
    openTargets: Number(r.open_targets ?? 0),
    lastContactOn: (r.last_contact_on as string | null) ?? null,
    isDemo: Boolean(r.is_demo),
    version: Number(r.version),
    updatedAt: new Date(String(r.updated_at)).toISOString(),
  };
}

export async function listCandidates(db: Db, actor: Actor, filter: CandidateFilter, page: number, pageSize: number): Promise<{ items: CandidateRow[]; total: number }> {
  const where = filterSql(filter);
  const rows = await rowsOf<Record<string, unknown>>(db, sql`${candidateSelect(actor, where)} ORDER BY candidate_companies.name, candidate_companies.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const [count] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM candidate_companies WHERE ${candidateScope(actor)} AND ${where}`);
  return { items: rows.map(rowOf), total: Number(count?.n ?? 0) };
}

export async function findCandidate(db: Db, actor: Actor, id: string): Promise<CandidateRow | null> {
  const [row] = await rowsOf<Record<string, unknown>>(db, sql`${candidateSelect(actor, sql`candidate_companies.id = ${id}`)}`);
  return row ? rowOf(row) : null;
}

/** Several candidates the caller may read, in one query (a page of targets). */
export async function findCandidates(db: Db, actor: Actor, ids: readonly string[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`${candidateSelect(actor, sql`candidate_companies.id IN (SELECT (jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))::uuid)`)}`,
  );
  return rows.map(rowOf);
}

/** Candidates serving a node (any of their nodes) or in its domain, for the fit ranking. */
export async function candidatesForNode(db: Db, actor: Actor, nodeId: string, domainId: string): Promise<CandidateRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`${candidateSelect(actor, sql`(candidate_companies.domain_id = ${domainId} OR EXISTS (SELECT 1 FROM candidate_chain_nodes cn WHERE cn.candidate_id = candidate_companies.id AND cn.node_id = ${nodeId}))`)}
        ORDER BY candidate_companies.name`,
  );
  return rows.map(rowOf);
}

/** Ids of stored candidates by code (import's duplicate detection); the caller's write scope is asked apart. */
export async function unsafeFindCandidatesByCode(db: Db, codes: readonly string[], names: readonly string[]): Promise<{ id: string; code: string; name: string }[]> {
  if (codes.length === 0 && names.length === 0) return [];
  const byCode = codes.length ? sql`code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql`false`;
  const byName = names.length ? sql`name IN (${sql.join(names.map((c) => sql`${c}`), sql`, `)})` : sql`false`;
  return rowsOf(db, sql`SELECT id, code, name FROM candidate_companies WHERE deleted_at IS NULL AND (${byCode} OR ${byName})`);
}

export async function replaceCandidateNodes(db: Db, candidateId: string, nodeIds: readonly string[]): Promise<void> {
  await db.execute(sql`DELETE FROM candidate_chain_nodes WHERE candidate_id = ${candidateId}`);
  for (const nodeId of new Set(nodeIds)) await db.execute(sql`INSERT INTO candidate_chain_nodes (candidate_id, node_id) VALUES (${candidateId}, ${nodeId})`);
}

export async function listActivities(db: Db, actor: Actor, where: SQL): Promise<{ id: string; kind: string; occurredOn: string; note: string; nextStep: string | null; actorName: string | null; targetId: string | null }[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT id, kind, occurred_on::text AS occurred_on, note, next_step, actor_name, target_id FROM attraction_activities
         WHERE ${where} AND ${visibleActivity(actor)} ORDER BY occurred_on DESC, created_at DESC`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    occurredOn: String(r.occurred_on),
    note: String(r.note),
    nextStep: (r.next_step as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    targetId: (r.target_id as string | null) ?? null,
  }));
}
