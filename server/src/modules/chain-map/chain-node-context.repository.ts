import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../statistics/index.ts';
import { warningReadScope } from '../warnings/index.ts';

/**
 * What surrounds a node besides its enterprises (issue 13 §1 hover and node page): the platforms that serve it,
 * the experts of its domain and the open warnings about its enterprises and projects.
 *
 * A platform serves a node when an enterprise mapped on the node operates it or booked one of its instruments
 * in the last year — the registry has no platform → domain mapping, and use is what the map should show.
 * Platforms are a public registry (names only); warnings go through the warnings' own read scope.
 */

const LIVE = sql`w.status IN ('open', 'acknowledged', 'handling')`;

function servedBy(since: Date): SQL {
  return sql`SELECT DISTINCT en.node_id, p.id AS platform_id
               FROM platforms p
               JOIN enterprise_chain_nodes en ON en.enterprise_id = p.operator_enterprise_id
              WHERE p.deleted_at IS NULL
             UNION
             SELECT DISTINCT en.node_id, i.platform_id
               FROM instrument_bookings b
               JOIN instruments i ON i.id = b.instrument_id
               JOIN platforms p ON p.id = i.platform_id AND p.deleted_at IS NULL
               JOIN enterprise_chain_nodes en ON en.enterprise_id = b.enterprise_id
              WHERE lower(b.period) >= ${since}`;
}

/** A warning is on a node when its enterprise or its project is mapped on the node. */
function warningNodes(actor: Actor, zoneId: string | null): SQL {
  const zone = zoneId === null ? sql`true` : sql`w.zone_id = ${zoneId}`;
  return sql`SELECT en.node_id, w.id FROM warnings w JOIN enterprise_chain_nodes en ON en.enterprise_id = w.enterprise_id
              WHERE ${LIVE} AND ${warningReadScope(actor)} AND ${zone}
             UNION
             SELECT pn.node_id, w.id FROM warnings w JOIN project_chain_nodes pn ON pn.project_id = w.project_id
              WHERE ${LIVE} AND ${warningReadScope(actor)} AND ${zone}`;
}

/** Per node: platforms serving it, open warnings; per domain code: experts. */
export async function nodeContextCounts(db: Db, actor: Actor, zoneId: string | null, since: Date) {
  const platforms = await rowsOf<{ node_id: string; n: number }>(db, sql`SELECT node_id, count(*)::int AS n FROM (${servedBy(since)}) s GROUP BY node_id`);
  const warnings = await rowsOf<{ node_id: string; n: number }>(db, sql`SELECT node_id, count(DISTINCT id)::int AS n FROM (${warningNodes(actor, zoneId)}) s GROUP BY node_id`);
  const experts = await rowsOf<{ code: string; n: number }>(db, sql`SELECT d AS code, count(*)::int AS n FROM experts, unnest(domain_codes) d WHERE deleted_at IS NULL GROUP BY d`);
  return {
    platforms: new Map(platforms.map((r) => [String(r.node_id), Number(r.n)])),
    warnings: new Map(warnings.map((r) => [String(r.node_id), Number(r.n)])),
    experts: new Map(experts.map((r) => [String(r.code), Number(r.n)])),
  };
}

export async function nodePlatforms(db: Db, nodeId: string, since: Date) {
  const rows = await rowsOf<{ id: string; name: string; kind: string; zone: string | null; zone_en: string | null }>(
    db,
    sql`SELECT p.id, p.name, p.kind, z.name_zh AS zone, z.name_en AS zone_en FROM platforms p LEFT JOIN zones z ON z.id = p.zone_id
         WHERE p.id IN (SELECT platform_id FROM (${servedBy(since)}) s WHERE s.node_id = ${nodeId}) ORDER BY p.name`,
  );
  return rows.map((r) => ({ id: String(r.id), name: r.name, kind: r.kind, zone: r.zone, zoneEn: r.zone_en }));
}

export async function nodeWarnings(db: Db, actor: Actor, nodeId: string, zoneId: string | null) {
  const rows = await rowsOf<{ id: string; level: string; subject_label: string; rule_zh: string; rule_en: string; opened_at: string | Date }>(
    db,
    sql`SELECT w.id, w.level, w.subject_label, r.name_zh AS rule_zh, r.name_en AS rule_en, w.opened_at
          FROM warnings w JOIN warning_rules r ON r.code = w.rule_code
         WHERE w.id IN (SELECT id FROM (${warningNodes(actor, zoneId)}) s WHERE s.node_id = ${nodeId})
         ORDER BY w.opened_at DESC LIMIT 100`,
  );
  return rows.map((r) => ({ id: String(r.id), level: r.level, subject: r.subject_label, ruleZh: r.rule_zh, ruleEn: r.rule_en, openedAt: new Date(r.opened_at).toISOString() }));
}
