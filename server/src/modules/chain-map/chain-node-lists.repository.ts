import { sql } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { enterpriseScope } from '../enterprises/index.ts';
import { projectScope } from '../projects/index.ts';
import { rowsOf, yuanOfNumeric } from '../statistics/index.ts';
import { PIPELINE_STAGES } from './chain-map.repository.ts';

/** The N lists of one node (一图N清单), each within the caller's scopes and the zone filter. */

export interface MemberRow {
  id: string;
  name: string;
  zone: string | null;
  aboveScale: boolean;
  tags: string[];
  leader: boolean;
  /** 万元 YTD of the period. */
  outputYtd: number;
}

export async function nodeMembers(db: Db, actor: Actor, nodeId: string, zoneId: string | null, year: number, month: number): Promise<MemberRow[]> {
  const zone = zoneId === null ? sql`true` : sql`enterprises.zone_id = ${zoneId}`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT enterprises.id, enterprises.name, z.code AS zone, enterprises.is_above_scale AS above, enterprises.tags,
               (enterprises.tags && ARRAY['leader', 'chain-leader']::text[]) AS leader, coalesce(c.y_output, 0) AS y
          FROM enterprise_chain_nodes en
          JOIN enterprises ON enterprises.id = en.enterprise_id
          LEFT JOIN zones z ON z.id = enterprises.zone_id
          LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = enterprises.id AND c.year = ${year} AND c.month = ${month}
         WHERE en.node_id = ${nodeId} AND ${enterpriseScope(actor)} AND ${zone}
         ORDER BY coalesce(c.y_output, 0) DESC, enterprises.name
         LIMIT 500`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    zone: r.zone === null ? null : String(r.zone),
    aboveScale: Boolean(r.above),
    tags: (r.tags as string[] | null) ?? [],
    leader: Boolean(r.leader),
    outputYtd: yuanOfNumeric(r.y as string) / 10_000,
  }));
}

export async function nodePipeline(db: Db, actor: Actor, nodeId: string, zoneId: string | null) {
  const zone = zoneId === null ? sql`true` : sql`projects.zone_id = ${zoneId}`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT projects.id, projects.code, projects.name, projects.stage, z.code AS zone, projects.expected_annual_output AS eo
          FROM project_chain_nodes pn
          JOIN projects ON projects.id = pn.project_id
          LEFT JOIN zones z ON z.id = projects.zone_id
         WHERE pn.node_id = ${nodeId} AND ${projectScope(actor)} AND ${zone}
           AND projects.stage IN (${sql.join(PIPELINE_STAGES.map((s) => sql`${s}`), sql`, `)})
         ORDER BY projects.name LIMIT 500`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    stage: String(r.stage),
    zone: r.zone === null ? null : String(r.zone),
    expectedAnnualOutput: r.eo === null || r.eo === undefined ? null : Number(r.eo),
  }));
}

/** Experts of the node's domain (the expert registry is readable by every chain-map reader). */
export async function domainExperts(db: Db, domainCode: string) {
  const rows = await rowsOf<{ id: string; name: string; affiliation: string | null }>(
    db,
    sql`SELECT id, name, affiliation FROM experts WHERE deleted_at IS NULL AND ${domainCode} = ANY(domain_codes) ORDER BY name LIMIT 50`,
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name, affiliation: r.affiliation }));
}

/** Candidate companies (招商目标 pool) on the node: external companies, no enterprise scope applies. */
export async function nodeCandidates(db: Db, nodeId: string) {
  const rows = await rowsOf<{ id: string; name: string; city: string | null; size_tier: string | null }>(
    db,
    sql`SELECT id, name, city, size_tier FROM candidate_companies WHERE node_id = ${nodeId} ORDER BY annual_revenue DESC NULLS LAST, name LIMIT 200`,
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name, city: r.city, sizeTier: r.size_tier }));
}

export async function findWeight(db: Db, nodeId: string) {
  const [row] = await rowsOf<{ importance: string; version: number; reason: string | null }>(db, sql`SELECT importance, version, reason FROM chain_node_weights WHERE node_id = ${nodeId}`);
  return row ? { importance: Number(row.importance), version: Number(row.version), reason: row.reason } : null;
}

/** Insert (version 0 → 1) or update when the version matches; false when the version is stale. */
export async function writeWeight(db: Db, nodeId: string, importance: number, reason: string | null, version: number, userId: string | null, now: Date): Promise<boolean> {
  const rows =
    version === 0
      ? await rowsOf<{ node_id: string }>(
          db,
          sql`INSERT INTO chain_node_weights (node_id, importance, reason, version, updated_at, updated_by)
              VALUES (${nodeId}, ${importance}, ${reason}, 1, ${now.toISOString()}, ${userId}) ON CONFLICT (node_id) DO NOTHING RETURNING node_id`,
        )
      : await rowsOf<{ node_id: string }>(
          db,
          sql`UPDATE chain_node_weights SET importance = ${importance}, reason = ${reason}, version = version + 1, updated_at = ${now.toISOString()}, updated_by = ${userId}
               WHERE node_id = ${nodeId} AND version = ${version} RETURNING node_id`,
        );
  return rows.length > 0;
}

export async function nodeExists(db: Db, nodeId: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(db, sql`SELECT id FROM chain_nodes WHERE id = ${nodeId} AND deleted_at IS NULL`);
  return rows.length > 0;
}
