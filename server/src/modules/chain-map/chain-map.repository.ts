import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import type { CommittedProject } from '../../domain/chain-map/committed.ts';
import { enterpriseScope } from '../enterprises/index.ts';
import { projectScope } from '../projects/index.ts';
import { rowsOf, yuanOfNumeric } from '../statistics/index.ts';

/**
 * Every read and write of the chain map. Enterprise and project rows are always filtered by the caller's scope
 * functions (enterpriseScope, projectScope): a count, list or sum on a node never covers more than the caller
 * may see. Figures come from the statistics rollup stat_enterprise_ytd (approved reports only, SPEC §4).
 */

export const PIPELINE_STAGES = ['lead', 'negotiating', 'signed', 'started', 'completed'] as const;
export const SIGNED_STAGES = ['signed', 'started', 'completed'] as const;

export interface NodeRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  stage: string;
  sortOrder: number;
  templateId: string;
  domain: string;
  domainNameZh: string;
  domainNameEn: string;
  importance: number | null;
  importanceVersion: number;
}

export async function listNodes(db: Db, domainCodes: readonly string[] | null): Promise<NodeRow[]> {
  const filter = domainCodes === null ? sql`true` : domainCodes.length === 0 ? sql`false` : sql`d.code IN (${sql.join(domainCodes.map((c) => sql`${c}`), sql`, `)})`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT n.id, n.code, n.name_zh, n.name_en, n.stage, n.sort_order, t.id AS template_id, d.code AS domain, d.name_zh AS domain_zh, d.name_en AS domain_en,
               w.importance, coalesce(w.version, 0) AS wv
          FROM chain_nodes n
          JOIN chain_templates t ON t.id = n.template_id
          JOIN domains d ON d.id = t.domain_id
          LEFT JOIN chain_node_weights w ON w.node_id = n.id
         WHERE n.deleted_at IS NULL AND ${filter}
         ORDER BY d.sort_order, d.code, n.sort_order, n.code`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    nameZh: String(r.name_zh),
    nameEn: String(r.name_en),
    stage: String(r.stage),
    sortOrder: Number(r.sort_order),
    templateId: String(r.template_id),
    domain: String(r.domain),
    domainNameZh: String(r.domain_zh),
    domainNameEn: String(r.domain_en),
    importance: r.importance === null || r.importance === undefined ? null : Number(r.importance),
    importanceVersion: Number(r.wv),
  }));
}

export interface NodeEnterpriseFacts {
  nodeId: string;
  enterprises: number;
  aboveScale: number;
  leaders: number;
  /** 万元. */
  outputYtd: number;
  comparableYtd: number;
  comparableBase: number;
}

/** The mapped, visible enterprises of one (year, month) with their output YTD and comparable base. */
function visibleMembers(actor: Actor, zoneId: string | null, year: number, month: number): SQL {
  const zone = zoneId === null ? sql`true` : sql`enterprises.zone_id = ${zoneId}`;
  return sql`
    SELECT en.node_id, n.template_id, enterprises.id AS enterprise_id, enterprises.is_above_scale AS above,
           (enterprises.tags && ARRAY['leader', 'chain-leader']::text[]) AS leader,
           coalesce(c.y_output, 0) AS y, coalesce(c.h_output, false) AS in_c, coalesce(q.y_output, 0) AS p
      FROM enterprise_chain_nodes en
      JOIN chain_nodes n ON n.id = en.node_id AND n.deleted_at IS NULL
      JOIN enterprises ON enterprises.id = en.enterprise_id
      LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = enterprises.id AND c.year = ${year} AND c.month = ${month}
      LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = enterprises.id AND q.year = ${year - 1} AND q.month = ${month}
     WHERE ${enterpriseScope(actor)} AND ${zone}`;
}

/**
 * Per node: visible enterprises, 规上 and leaders among them, output YTD and the comparable sums; and per chain
 * template the output of the distinct visible enterprises on any of its nodes (the domain total for shares).
 */
export async function nodeEnterpriseFacts(db: Db, actor: Actor, zoneId: string | null, year: number, month: number) {
  const members = visibleMembers(actor, zoneId, year, month);
  const perNode = await rowsOf<Record<string, string | number>>(
    db,
    sql`WITH m AS (${members})
        SELECT node_id, count(*)::int AS n, count(*) FILTER (WHERE above)::int AS above, count(*) FILTER (WHERE leader)::int AS leaders,
               sum(y) AS y, sum(CASE WHEN in_c THEN y ELSE 0 END) AS yc, sum(CASE WHEN in_c THEN p ELSE 0 END) AS pc
          FROM m GROUP BY node_id`,
  );
  const perTemplate = await rowsOf<Record<string, string | number>>(
    db,
    sql`WITH m AS (${members})
        SELECT template_id, sum(y) AS y FROM (SELECT DISTINCT template_id, enterprise_id, y FROM m) d GROUP BY template_id`,
  );
  const wan = (v: unknown) => yuanOfNumeric(v as string) / 10_000;
  return {
    nodes: new Map<string, NodeEnterpriseFacts>(
      perNode.map((r) => [
        String(r.node_id),
        { nodeId: String(r.node_id), enterprises: Number(r.n), aboveScale: Number(r.above), leaders: Number(r.leaders), outputYtd: wan(r.y), comparableYtd: wan(r.yc), comparableBase: wan(r.pc) },
      ]),
    ),
    templates: new Map<string, number>(perTemplate.map((r) => [String(r.template_id), wan(r.y)])),
  };
}

/** Per node: visible projects in the pipeline and, among them, those signed but not yet producing. */
export async function nodeProjectCounts(db: Db, actor: Actor, zoneId: string | null, exclude: readonly string[] = []) {
  const zone = zoneId === null ? sql`true` : sql`projects.zone_id = ${zoneId}`;
  const excluded = exclude.length === 0 ? sql`true` : sql`projects.id NOT IN (${sql.join(exclude.map((id) => sql`${id}`), sql`, `)})`;
  const rows = await rowsOf<{ node_id: string; n: number; signed: number }>(
    db,
    sql`SELECT pn.node_id, count(*)::int AS n,
               count(*) FILTER (WHERE projects.stage IN (${sql.join(SIGNED_STAGES.map((s) => sql`${s}`), sql`, `)}))::int AS signed
          FROM project_chain_nodes pn
          JOIN projects ON projects.id = pn.project_id
         WHERE ${projectScope(actor)} AND ${zone} AND ${excluded} AND projects.stage IN (${sql.join(PIPELINE_STAGES.map((s) => sql`${s}`), sql`, `)})
         GROUP BY pn.node_id`,
  );
  return new Map(rows.map((r) => [String(r.node_id), { projects: Number(r.n), signed: Number(r.signed) }]));
}

/**
 * Signed, not yet producing projects per node (visible, zone-filtered) with their expected annual output (万元) and
 * whether the investor is already mapped on the node. `exclude`: projects left out (the map as it stood before them).
 */
export async function nodeCommittedProjects(db: Db, actor: Actor, zoneId: string | null, exclude: readonly string[] = []): Promise<CommittedProject[]> {
  const zone = zoneId === null ? sql`true` : sql`projects.zone_id = ${zoneId}`;
  const excluded = exclude.length === 0 ? sql`true` : sql`projects.id NOT IN (${sql.join(exclude.map((id) => sql`${id}`), sql`, `)})`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT projects.id AS project_id, pn.node_id, n.template_id, projects.expected_annual_output AS annual,
               EXISTS (SELECT 1 FROM enterprise_chain_nodes en WHERE en.node_id = pn.node_id AND en.enterprise_id = projects.investor_enterprise_id) AS on_node
          FROM project_chain_nodes pn
          JOIN projects ON projects.id = pn.project_id
          JOIN chain_nodes n ON n.id = pn.node_id AND n.deleted_at IS NULL
         WHERE ${projectScope(actor)} AND ${zone} AND ${excluded} AND projects.deleted_at IS NULL
           AND projects.stage IN (${sql.join(SIGNED_STAGES.map((s) => sql`${s}`), sql`, `)})`,
  );
  return rows.map((r) => ({
    projectId: String(r.project_id),
    nodeId: String(r.node_id),
    templateId: String(r.template_id),
    expectedAnnualOutput: r.annual === null || r.annual === undefined ? null : Number(r.annual),
    investorOnNode: r.on_node === true || r.on_node === 't',
  }));
}

export async function zoneIdOf(db: Db, code: string): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM zones WHERE code = ${code}`);
  return row?.id ?? null;
}

export async function zoneCodeOf(db: Db, id: string): Promise<string | null> {
  const [row] = await rowsOf<{ code: string }>(db, sql`SELECT code FROM zones WHERE id = ${id}`);
  return row?.code ?? null;
}
