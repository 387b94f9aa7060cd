import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { targetScope, targetWriteScope } from './attraction.policy.ts';

/** The targets' SQL, always through targetScope (reads) or targetWriteScope (the caller's own targets). */

export interface TargetRow {
  id: string;
  candidateId: string;
  candidateCode: string;
  candidateName: string;
  candidateCity: string | null;
  candidateSizeTier: string | null;
  nodeId: string;
  nodeCode: string;
  nodeName: string;
  nodeNameEn: string;
  domain: string;
  zoneId: string | null;
  ownerKind: string;
  ownerZoneId: string | null;
  ownerDepartmentId: string | null;
  status: string;
  plan: string | null;
  nextStep: string | null;
  nextOn: string | null;
  assignedOn: string;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  projectStage: string | null;
  activities: number;
  lastActivityOn: string | null;
  canWrite: boolean;
  version: number;
  updatedAt: string;
}

export interface TargetFilter {
  q?: string | undefined;
  node?: string | undefined;
  nodeId?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  zone?: string | undefined;
  candidateId?: string | undefined;
  id?: string | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

function filterSql(f: TargetFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.id) parts.push(sql`attraction_targets.id = ${f.id}`);
  if (f.q) parts.push(sql`c.name ILIKE ${escapeLike(f.q)}`);
  if (f.node) parts.push(sql`n.code = ${f.node}`);
  if (f.nodeId) parts.push(sql`attraction_targets.node_id = ${f.nodeId}`);
  if (f.status) parts.push(sql`attraction_targets.status = ${f.status}`);
  if (f.owner) parts.push(sql`attraction_targets.owner_kind = ${f.owner}`);
  if (f.zone) parts.push(sql`attraction_targets.zone_id = (SELECT id FROM zones WHERE code = ${f.zone})`);
  if (f.candidateId) parts.push(sql`attraction_targets.candidate_id = ${f.candidateId}`);
  return sql.join(parts, sql` AND `);
}

function select(actor: Actor, where: SQL): SQL {
  return sql`
    SELECT attraction_targets.*, attraction_targets.next_on::text AS next_on_text, attraction_targets.assigned_on::text AS assigned_on_text,
           to_json(attraction_targets.updated_at) #>> '{}' AS updated_at_text,
           c.code AS c_code, c.name AS c_name, c.city AS c_city, c.size_tier AS c_tier,
           n.code AS n_code, n.name_zh AS n_name, n.name_en AS n_name_en, d.code AS domain,
           p.code AS p_code, p.name AS p_name, p.stage AS p_stage,
           (SELECT count(*)::int FROM attraction_activities a WHERE a.target_id = attraction_targets.id) AS n_activities,
           (SELECT max(a.occurred_on)::text FROM attraction_activities a WHERE a.target_id = attraction_targets.id) AS last_activity_on,
           (${targetWriteScope(actor)}) AS can_write
      FROM attraction_targets
      JOIN candidate_companies c ON c.id = attraction_targets.candidate_id
      JOIN chain_nodes n ON n.id = attraction_targets.node_id
      JOIN chain_templates t ON t.id = n.template_id
      JOIN domains d ON d.id = t.domain_id
      LEFT JOIN projects p ON p.id = attraction_targets.project_id
     WHERE ${targetScope(actor)} AND ${where}`;
}

function rowOf(r: Record<string, unknown>): TargetRow {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    candidateId: String(r.candidate_id),
    candidateCode: String(r.c_code),
    candidateName: String(r.c_name),
    candidateCity: s(r.c_city),
    candidateSizeTier: s(r.c_tier),
    nodeId: String(r.node_id),
    nodeCode: String(r.n_code),
    nodeName: String(r.n_name),
    nodeNameEn: String(r.n_name_en),
    domain: String(r.domain),
    zoneId: s(r.zone_id),
    ownerKind: String(r.owner_kind),
    ownerZoneId: s(r.owner_zone_id),
    ownerDepartmentId: s(r.owner_department_id),
    status: String(r.status),
    plan: s(r.plan),
    nextStep: s(r.next_step),
    nextOn: s(r.next_on_text),
    assignedOn: String(r.assigned_on_text),
    projectId: s(r.project_id),
    projectCode: s(r.p_code),
    projectName: s(r.p_name),
    projectStage: s(r.p_stage),
    activities: Number(r.n_activities ?? 0),
    lastActivityOn: s(r.last_activity_on),
    canWrite: r.can_write === true || r.can_write === 't',
    version: Number(r.version),
    updatedAt: new Date(String(r.updated_at_text)).toISOString(),
  };
}

export async function listTargets(db: Db, actor: Actor, filter: TargetFilter, page: number, pageSize: number): Promise<{ items: TargetRow[]; total: number }> {
  const where = filterSql(filter);
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`${select(actor, where)} ORDER BY (attraction_targets.status = 'open') DESC, attraction_targets.next_on NULLS LAST, attraction_targets.assigned_on DESC, attraction_targets.id
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const [count] = await rowsOf<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM attraction_targets JOIN candidate_companies c ON c.id = attraction_targets.candidate_id JOIN chain_nodes n ON n.id = attraction_targets.node_id
         WHERE ${targetScope(actor)} AND ${where}`,
  );
  return { items: rows.map(rowOf), total: Number(count?.n ?? 0) };
}

export async function findTarget(db: Db, actor: Actor, id: string): Promise<TargetRow | null> {
  const [row] = await rowsOf<Record<string, unknown>>(db, select(actor, sql`attraction_targets.id = ${id}`));
  return row ? rowOf(row) : null;
}

/** The open target of a candidate on a node, whoever owns it (to refuse a second one; only its existence is told). */
export async function unsafeOpenTargetExists(db: Db, candidateId: string, nodeId: string): Promise<boolean> {
  const rows = await rowsOf(db, sql`SELECT 1 FROM attraction_targets WHERE candidate_id = ${candidateId} AND node_id = ${nodeId} AND status = 'open'`);
  return rows.length > 0;
}
