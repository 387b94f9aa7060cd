import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { conditionsSchema, policyMode } from '../../domain/services/eligibility.ts';
import { policyEffect, type EffectEnterprise } from '../../domain/services/policy-effect.ts';
import { errors } from '../../app/errors.ts';
import { findPolicyByCode } from './policy-match.repository.ts';
import { factsYear } from './policy-match.service.ts';

type FundsRow = { key: string; label: string; labelEn: string; awards: number; awarded: string; disbursed: string };

/**
 * Funds by policy, domain and zone (issue 14 §4): awards confirmed (免申即享) or approved (快申快享), their amounts
 * and what has been paid, in 万元 summed by the database's exact numeric. The route is the commission's and
 * the leader's (district-wide: they see every award).
 */
export async function policyFunds(db: Db) {
  const grouped = async (key: ReturnType<typeof sql>, label: ReturnType<typeof sql>, labelEn: ReturnType<typeof sql>, join: ReturnType<typeof sql>) =>
    (
      await rowsOf<FundsRow>(
        db,
        sql`SELECT ${key} AS key, ${label} AS label, ${labelEn} AS "labelEn", count(*)::int AS awards,
                   coalesce(sum(a.amount), 0)::numeric(16, 2)::text AS awarded, coalesce(sum(a.disbursed_amount), 0)::numeric(16, 2)::text AS disbursed
              FROM service_policy_awards a JOIN service_policies p ON p.id = a.policy_id JOIN enterprises e ON e.id = a.enterprise_id ${join}
             GROUP BY 1, 2, 3 ORDER BY 1`,
      )
    ).map((r) => ({ ...r, awards: Number(r.awards) }));
  // a policy's title is the district's own document (one language); domains and zones have reference names in both
  const byPolicyRows = await grouped(sql`p.code`, sql`p.title`, sql`p.title`, sql``);
  const policies = await rowsOf<{ code: string; conditions: unknown }>(db, sql`SELECT code, conditions FROM service_policies`);
  const modeOf = new Map(policies.map((p) => [p.code, policyMode(conditionsSchema.parse(p.conditions))]));
  const byDomain = await grouped(sql`coalesce(d.code, '-')`, sql`coalesce(d.name_zh, '-')`, sql`coalesce(d.name_en, '-')`, sql`LEFT JOIN domains d ON d.id = e.domain_id`);
  const byZone = await grouped(sql`coalesce(z.code, '-')`, sql`coalesce(z.name_zh, '-')`, sql`coalesce(z.name_en, '-')`, sql`LEFT JOIN zones z ON z.id = e.zone_id`);
  const [total] = await grouped(sql`'total'`, sql`'合计'`, sql`'Total'`, sql``);
  const awards = await rowsOf<{ id: string; policy_code: string; enterprise_name: string; amount: string | null; confirmed_at: Date | string; disbursed_amount: string | null; disbursed_at: Date | string | null }>(
    db,
    sql`SELECT a.id::text AS id, p.code AS policy_code, e.name AS enterprise_name, a.amount::text AS amount, a.confirmed_at, a.disbursed_amount::text AS disbursed_amount, a.disbursed_at
          FROM service_policy_awards a JOIN service_policies p ON p.id = a.policy_id JOIN enterprises e ON e.id = a.enterprise_id
         ORDER BY (a.disbursed_at IS NOT NULL), a.confirmed_at DESC LIMIT 300`,
  );
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    byPolicy: byPolicyRows.map((r) => ({ ...r, mode: modeOf.get(r.key) ?? 'apply' })),
    byDomain,
    byZone,
    total: total ?? { key: 'total', label: '合计', labelEn: 'Total', awards: 0, awarded: '0.00', disbursed: '0.00' },
    awards: awards.map((a) => ({ id: a.id, policyCode: a.policy_code, enterpriseName: a.enterprise_name, amount: a.amount, confirmedAt: iso(a.confirmed_at)!, disbursedAmount: a.disbursed_amount, disbursedAt: iso(a.disbursed_at) })),
  };
}

/**
 * The policy-effect view: recipients' later output and R&D growth against matched non-recipients
 * (domain, size, zone), computed by the pure `policyEffect` (domain/services/policy-effect.ts, which states
 * the method and its limits). Figures are sums of approved monthly reports per calendar year.
 */
export async function policyEffectOf(db: Db, code: string, now: Date) {
  const policy = await findPolicyByCode(db, code);
  if (!policy) throw errors.notFound('政策', 'policy');
  const recipients = await rowsOf<{ enterprise_id: string; award_year: number }>(
    db,
    sql`SELECT enterprise_id::text AS enterprise_id, extract(year FROM confirmed_at AT TIME ZONE 'Asia/Shanghai')::int AS award_year
          FROM service_policy_awards WHERE policy_id = ${policy.id}`,
  );
  const firms = await rowsOf<{ id: string; domain: string | null; zone: string | null; is_above_scale: boolean }>(
    db,
    sql`SELECT e.id::text AS id, d.code AS domain, z.code AS zone, e.is_above_scale FROM enterprises e
          LEFT JOIN domains d ON d.id = e.domain_id LEFT JOIN zones z ON z.id = e.zone_id
         WHERE e.status = 'active' AND e.deleted_at IS NULL`,
  );
  const sums = await rowsOf<{ enterprise_id: string; year: number; output: string | null; rd: string | null }>(
    db,
    sql`SELECT enterprise_id::text AS enterprise_id, year, sum(output)::text AS output, sum(rd)::text AS rd FROM monthly_reports
         WHERE status = 'approved' GROUP BY enterprise_id, year`,
  );
  const years = new Map<string, Record<number, { output: number; rd: number }>>();
  for (const s of sums) {
    const y = years.get(s.enterprise_id) ?? {};
    y[Number(s.year)] = { output: Number(s.output ?? 0), rd: Number(s.rd ?? 0) };
    years.set(s.enterprise_id, y);
  }
  const enterprises: EffectEnterprise[] = firms.map((f) => ({ id: f.id, domain: f.domain, zone: f.zone, isAboveScale: f.is_above_scale, years: years.get(f.id) ?? {} }));
  const rec = recipients.map((r) => ({ enterpriseId: r.enterprise_id, awardYear: Number(r.award_year) }));
  const laterYear = factsYear(now);
  return {
    policy: policy.code,
    title: policy.title,
    recipients: rec.length,
    laterYear,
    output: policyEffect(enterprises, rec, laterYear, 'output'),
    rd: policyEffect(enterprises, rec, laterYear, 'rd'),
  };
}
