import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SHIPPED_RULES } from '../../domain/warnings/index.ts';
import { rowsOf } from '../statistics/index.ts';

export interface RuleRow {
  code: string;
  kind: string;
  subject_kind: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  level: string;
  owner_role: string;
  evaluated_by: string;
  enabled: boolean;
  params: Record<string, unknown>;
  escalate_after_days: number;
  version: number;
  updated_at: string | Date;
}

const COLUMNS = sql`code, kind, subject_kind, name_zh, name_en, description_zh, description_en, level, owner_role, evaluated_by, enabled, params,
  escalate_after_days, version, updated_at`;

/**
 * Puts the shipped rules in place on first use (version 1 of each, recorded in the history); a rule already
 * stored keeps the commission's settings. Names and descriptions follow the code, so a wording fix ships.
 */
export async function ensureShippedRules(db: Db, now: Date): Promise<void> {
  for (const [i, r] of SHIPPED_RULES.entries()) {
    const inserted = await rowsOf<{ code: string }>(
      db,
      sql`INSERT INTO warning_rules (code, kind, subject_kind, name_zh, name_en, description_zh, description_en, level, owner_role, evaluated_by, enabled, params, escalate_after_days, version, sort_order, updated_at)
          VALUES (${r.code}, ${r.code}, ${r.subjectKind}, ${r.nameZh}, ${r.nameEn}, ${r.descriptionZh}, ${r.descriptionEn}, ${r.level}, ${r.ownerRole}, ${r.evaluatedBy}, ${r.enabled},
                  ${JSON.stringify(r.params)}::jsonb, ${r.escalateAfterDays}, 1, ${i}, ${now})
          ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, description_zh = excluded.description_zh,
                  description_en = excluded.description_en, sort_order = excluded.sort_order
            WHERE warning_rules.name_zh IS DISTINCT FROM excluded.name_zh OR warning_rules.name_en IS DISTINCT FROM excluded.name_en
               OR warning_rules.description_zh IS DISTINCT FROM excluded.description_zh OR warning_rules.description_en IS DISTINCT FROM excluded.description_en
               OR warning_rules.sort_order IS DISTINCT FROM excluded.sort_order
          RETURNING code`,
    );
    if (inserted.length > 0) {
      await db.execute(sql`INSERT INTO warning_rule_versions (rule_code, version, enabled, level, params, escalate_after_days, note, changed_at)
        VALUES (${r.code}, 1, ${r.enabled}, ${r.level}, ${JSON.stringify(r.params)}::jsonb, ${r.escalateAfterDays}, 'shipped', ${now}) ON CONFLICT DO NOTHING`);
    }
  }
}

export async function listRules(db: Db): Promise<RuleRow[]> {
  return rowsOf<RuleRow>(db, sql`SELECT ${COLUMNS} FROM warning_rules ORDER BY sort_order, code`);
}

export async function findRule(db: Db, code: string, forUpdate = false): Promise<RuleRow | undefined> {
  const [row] = await rowsOf<RuleRow>(db, sql`SELECT ${COLUMNS} FROM warning_rules WHERE code = ${code} ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return row;
}

export async function saveRuleVersion(
  db: Db,
  code: string,
  next: { version: number; enabled: boolean; level: string; params: Record<string, unknown>; escalateAfterDays: number; note: string | null },
  who: { userId: string | null; name: string | null },
  now: Date,
): Promise<void> {
  await db.execute(sql`UPDATE warning_rules SET enabled = ${next.enabled}, level = ${next.level}, params = ${JSON.stringify(next.params)}::jsonb,
      escalate_after_days = ${next.escalateAfterDays}, version = ${next.version}, updated_at = ${now}, updated_by = ${who.userId} WHERE code = ${code}`);
  await db.execute(sql`INSERT INTO warning_rule_versions (rule_code, version, enabled, level, params, escalate_after_days, note, changed_at, changed_by, changed_by_name)
      VALUES (${code}, ${next.version}, ${next.enabled}, ${next.level}, ${JSON.stringify(next.params)}::jsonb, ${next.escalateAfterDays}, ${next.note}, ${now}, ${who.userId}, ${who.name})`);
}

export async function ruleVersions(db: Db, code: string) {
  return rowsOf<{ version: number; enabled: boolean; level: string; params: Record<string, unknown>; escalate_after_days: number; note: string | null; changed_at: string | Date; changed_by_name: string | null }>(
    db,
    sql`SELECT version, enabled, level, params, escalate_after_days, note, changed_at, changed_by_name FROM warning_rule_versions WHERE rule_code = ${code} ORDER BY version DESC`,
  );
}
