import { sql, type SQL } from 'drizzle-orm';
import type { WarningListQuery } from '../../../../contracts/warnings.ts';
import type { Db } from '../../db/client.ts';
import type { Finding } from '../../domain/warnings/index.ts';
import { rowsOf } from '../statistics/index.ts';
import { idList } from './warning-facts.repository.ts';

export interface WarningRow {
  id: string;
  rule_code: string;
  rule_name_zh: string;
  rule_name_en: string;
  subject_kind: string;
  subject_key: string;
  subject_label: string;
  level: string;
  status: string;
  owner_role: string;
  zone_id: string | null;
  zone_code: string | null;
  domain_code: string | null;
  department_id: string | null;
  enterprise_id: string | null;
  period: string | null;
  explanation_zh: string;
  explanation_en: string;
  facts: Record<string, unknown>;
  escalation_level: number;
  escalated_at: string | Date | null;
  opened_at: string | Date;
  updated_at: string | Date;
  closed_at: string | Date | null;
  close_reason: string | null;
  version: number;
}

const SELECT = sql`SELECT w.id, w.rule_code, r.name_zh AS rule_name_zh, r.name_en AS rule_name_en, w.subject_kind, w.subject_key, w.subject_label,
    w.level, w.status, w.owner_role, w.zone_id, z.code AS zone_code, d.code AS domain_code, w.department_id, w.enterprise_id, w.period,
    w.explanation_zh, w.explanation_en, w.facts, w.escalation_level, w.escalated_at, w.opened_at, w.updated_at, w.closed_at, w.close_reason, w.version
  FROM warnings w JOIN warning_rules r ON r.code = w.rule_code LEFT JOIN zones z ON z.id = w.zone_id LEFT JOIN domains d ON d.id = w.domain_id`;

export const LIVE = sql`w.status IN ('open', 'acknowledged', 'handling')`;

/** The live warnings of a rule, optionally only those about the given enterprises (a partial evaluation). */
export async function liveWarningsOfRule(db: Db, rule: string, enterpriseIds?: readonly string[]): Promise<WarningRow[]> {
  if (enterpriseIds?.length === 0) return [];
  const only = enterpriseIds ? sql`AND w.enterprise_id IN (${idList(enterpriseIds)})` : sql``;
  return rowsOf<WarningRow>(db, sql`${SELECT} WHERE w.rule_code = ${rule} AND ${LIVE} ${only}`);
}

export async function insertWarning(db: Db, rule: { code: string; version: number; subjectKind: string; level: string; ownerRole: string }, f: Finding, level: string, now: Date): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO warnings (rule_code, rule_version, subject_kind, subject_key, subject_label, level, status, owner_role, zone_id, domain_id, department_id,
          enterprise_id, project_id, period, explanation_zh, explanation_en, facts, opened_at, updated_at, evaluated_at)
        VALUES (${rule.code}, ${rule.version}, ${rule.subjectKind}, ${f.subjectKey}, ${f.subjectLabel}, ${level}, 'open', ${rule.ownerRole},
          ${f.refs.zoneId ?? null}, ${f.refs.domainId ?? null}, ${f.refs.departmentId ?? null}, ${f.refs.enterpriseId ?? null}, ${f.refs.projectId ?? null},
          ${f.period}, ${f.explanationZh}, ${f.explanationEn}, ${JSON.stringify(f.facts)}::jsonb, ${now}, ${now}, ${now})
        RETURNING id`,
  );
  return row!.id;
}

/** Refreshes a live warning with the latest finding; returns whether anything a reader sees changed. */
export async function refreshWarning(db: Db, w: WarningRow, f: Finding, level: string, ruleVersion: number, now: Date): Promise<boolean> {
  const changed = w.level !== level || w.explanation_zh !== f.explanationZh || w.period !== f.period;
  if (changed) {
    await db.execute(sql`UPDATE warnings SET level = ${level}, rule_version = ${ruleVersion}, subject_label = ${f.subjectLabel}, period = ${f.period},
        explanation_zh = ${f.explanationZh}, explanation_en = ${f.explanationEn}, facts = ${JSON.stringify(f.facts)}::jsonb, updated_at = ${now},
        evaluated_at = ${now}, version = version + 1 WHERE id = ${w.id}`);
  } else {
    await db.execute(sql`UPDATE warnings SET evaluated_at = ${now} WHERE id = ${w.id}`);
  }
  return changed;
}

export async function closeWarning(db: Db, id: string, status: 'resolved' | 'dismissed', reason: string, by: string | null, now: Date): Promise<void> {
  await db.execute(sql`UPDATE warnings SET status = ${status}, close_reason = ${reason}, closed_at = ${now}, closed_by = ${by}, updated_at = ${now},
      version = version + 1 WHERE id = ${id}`);
}

export async function addEvent(
  db: Db,
  e: { warningId: string; kind: string; fromStatus?: string | null; toStatus?: string | null; note?: string | null; details?: unknown; actorUserId?: string | null; actorName?: string | null },
  now: Date,
): Promise<void> {
  await db.execute(sql`INSERT INTO warning_events (warning_id, kind, from_status, to_status, note, details, actor_user_id, actor_name, at)
      VALUES (${e.warningId}, ${e.kind}, ${e.fromStatus ?? null}, ${e.toStatus ?? null}, ${e.note ?? null},
              ${e.details === undefined ? null : JSON.stringify(e.details)}::jsonb, ${e.actorUserId ?? null}, ${e.actorName ?? null}, ${now})`);
}

function filters(q: Partial<WarningListQuery>): SQL {
  const parts: SQL[] = [];
  if (q.status === 'live' || q.status === undefined) parts.push(LIVE);
  else if (q.status === 'closed') parts.push(sql`w.status IN ('resolved', 'dismissed')`);
  else parts.push(sql`w.status = ${q.status}`);
  if (q.level) parts.push(sql`w.level = ${q.level}`);
  if (q.rule) parts.push(sql`w.rule_code = ${q.rule}`);
  if (q.subjectKind) parts.push(sql`w.subject_kind = ${q.subjectKind}`);
  if (q.zone) parts.push(sql`z.code = ${q.zone}`);
  if (q.domain) parts.push(sql`d.code = ${q.domain}`);
  if (q.chainNode) {
    parts.push(sql`(EXISTS (SELECT 1 FROM enterprise_chain_nodes ecn JOIN chain_nodes n ON n.id = ecn.node_id WHERE ecn.enterprise_id = w.enterprise_id AND n.code = ${q.chainNode})
                 OR EXISTS (SELECT 1 FROM project_chain_nodes pcn JOIN chain_nodes n ON n.id = pcn.node_id WHERE pcn.project_id = w.project_id AND n.code = ${q.chainNode}))`);
  }
  return sql.join(parts, sql` AND `);
}

const LEVEL_ORDER = sql`CASE w.level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END`;

export async function listWarnings(db: Db, scope: SQL, q: WarningListQuery): Promise<{ items: WarningRow[]; total: number }> {
  const where = sql`${scope} AND ${filters(q)}`;
  const [count] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM warnings w LEFT JOIN zones z ON z.id = w.zone_id LEFT JOIN domains d ON d.id = w.domain_id WHERE ${where}`);
  const items = await rowsOf<WarningRow>(
    db,
    sql`${SELECT} WHERE ${where} ORDER BY ${LEVEL_ORDER}, w.opened_at DESC, w.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { items, total: Number(count?.n ?? 0) };
}

export async function findWarning(db: Db, scope: SQL, id: string, forUpdate = false): Promise<WarningRow | undefined> {
  const [row] = await rowsOf<WarningRow>(db, sql`${SELECT} WHERE w.id = ${id} AND ${scope} ${forUpdate ? sql`FOR UPDATE OF w` : sql``}`);
  return row;
}

export async function warningEvents(db: Db, id: string) {
  return rowsOf<{ id: number; kind: string; from_status: string | null; to_status: string | null; note: string | null; actor_name: string | null; at: string | Date }>(
    db,
    sql`SELECT id, kind, from_status, to_status, note, actor_name, at FROM warning_events WHERE warning_id = ${id} ORDER BY id`,
  );
}

export async function setStatus(db: Db, id: string, status: string, now: Date): Promise<void> {
  await db.execute(sql`UPDATE warnings SET status = ${status}, updated_at = ${now}, version = version + 1 WHERE id = ${id}`);
}

export async function touch(db: Db, id: string, now: Date): Promise<void> {
  await db.execute(sql`UPDATE warnings SET updated_at = ${now}, version = version + 1 WHERE id = ${id}`);
}

/** Live warnings per level with their subjects' roll-up keys (zone, domain, chain nodes). */
export async function rollupRows(db: Db, scope: SQL) {
  return rowsOf<{ level: string; subject_kind: string; subject_key: string; zone_code: string | null; domain_code: string | null; node_codes: string[] | string | null }>(
    db,
    sql`SELECT w.level, w.subject_kind, w.subject_key, z.code AS zone_code, d.code AS domain_code,
          (SELECT array_agg(DISTINCT n.code) FROM chain_nodes n
            WHERE n.id IN (SELECT node_id FROM enterprise_chain_nodes WHERE enterprise_id = w.enterprise_id
                           UNION SELECT node_id FROM project_chain_nodes WHERE project_id = w.project_id)) AS node_codes
        FROM warnings w LEFT JOIN zones z ON z.id = w.zone_id LEFT JOIN domains d ON d.id = w.domain_id
       WHERE ${LIVE} AND ${scope}`,
  );
}

/** Open warnings past their rule's time limit for the next escalation (the job checks the limit again). */
export async function openWarningsForEscalation(db: Db) {
  return rowsOf<{ id: string; status: string; owner_role: string; escalation_level: number; opened_at: string | Date; escalated_at: string | Date | null; escalate_after_days: number;
    zone_id: string | null; department_id: string | null; subject_label: string; explanation_zh: string; explanation_en: string; level: string; rule_name_zh: string; rule_name_en: string }>(
    db,
    sql`SELECT w.id, w.status, w.owner_role, w.escalation_level, w.opened_at, w.escalated_at, r.escalate_after_days, w.zone_id, w.department_id,
               w.subject_label, w.explanation_zh, w.explanation_en, w.level, r.name_zh AS rule_name_zh, r.name_en AS rule_name_en
          FROM warnings w JOIN warning_rules r ON r.code = w.rule_code WHERE w.status = 'open' AND w.escalation_level < 2`,
  );
}

export async function markEscalated(db: Db, id: string, level: number, now: Date): Promise<void> {
  await db.execute(sql`UPDATE warnings SET escalation_level = ${level}, escalated_at = ${now}, updated_at = ${now}, version = version + 1 WHERE id = ${id}`);
}

/** Counts for a period and scope (the monthly analysis report): by level, those opened in the period, those live now. */
export async function periodCounts(db: Db, scope: SQL, from: Date, to: Date) {
  return rowsOf<{ level: string; opened: number; live: number }>(
    db,
    sql`SELECT w.level, count(*) FILTER (WHERE w.opened_at >= ${from} AND w.opened_at < ${to})::int AS opened,
               count(*) FILTER (WHERE w.opened_at < ${to} AND (w.closed_at IS NULL OR w.closed_at >= ${to}))::int AS live
          FROM warnings w WHERE ${scope} GROUP BY w.level`,
  );
}

/** The active plan's goal keys (goal-YYYY-metric), the nodes enterprise and project warnings roll up to. */
export async function goalKeys(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ key: string }>(db, sql`SELECT g.key FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id WHERE v.status = 'active' AND g.unit LIKE '%元' ORDER BY g.ordinal`);
  return rows.map((r) => r.key);
}

export async function liveRuleCounts(db: Db): Promise<Map<string, number>> {
  const rows = await rowsOf<{ rule_code: string; n: number }>(db, sql`SELECT w.rule_code, count(*)::int AS n FROM warnings w WHERE ${LIVE} GROUP BY w.rule_code`);
  return new Map(rows.map((r) => [r.rule_code, Number(r.n)]));
}
