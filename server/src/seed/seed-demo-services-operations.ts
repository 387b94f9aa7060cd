import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createRng } from '../domain/demo/prng.ts';
import { conditionsSchema, policyMode } from '../domain/services/eligibility.ts';

const DAY_MS = 86_400_000;
const MISSING_TYPES = ['冷冻电镜 Cryo-EM', '600 MHz 核磁共振波谱仪', '高通量单细胞测序平台', '质谱成像系统', '2000 L 一次性生物反应器', 'GMP 无菌灌装线'];

/**
 * Demo data of the services' second round (docs/decisions/0029): requests for instrument types the district
 * lacks, wait-listed demand (some never served), stricter rules on two platforms, 快申快享 applications in every
 * state, and awards of earlier years (so the policy-effect view has recipients to compare). Deterministic for
 * a seed; a second run adds nothing (each part checks for its demo rows first).
 */
export async function seedDemoServiceOperations(tx: Db, enterpriseIds: readonly string[], seed: number, now: Date) {
  const rng = createRng(seed, 'services', 'operations');
  const [{ n: existing }] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM instrument_demands WHERE is_demo`)) as [{ n: number }];
  if (existing > 0 || enterpriseIds.length === 0) return { demands: 0, waitlisted: 0, applications: 0, historicalAwards: 0 };

  let demands = 0;
  for (let i = 0; i < 18; i++) {
    const kind = MISSING_TYPES[i % MISSING_TYPES.length]!;
    await tx.execute(sql`INSERT INTO instrument_demands (enterprise_id, kind, description, hours_per_month, is_demo, created_at)
      VALUES (${rng.pick(enterpriseIds)}, ${kind}, ${`【演示数据】需要${kind}开展研发与质量检测,目前须送样至区外。`}, ${rng.int(8, 60)}, true, ${new Date(now.getTime() - rng.int(5, 300) * DAY_MS)})`);
    demands++;
  }

  // Wait-listed demand on the busiest instruments: past entries never served (expired), future ones waiting.
  const busy = rowsOf<{ instrument_id: string; start: string; end: string }>(
    await tx.execute(sql`SELECT instrument_id::text AS instrument_id, lower(period)::text AS start, upper(period)::text AS "end" FROM instrument_bookings
      WHERE status IN ('approved', 'completed', 'requested') ORDER BY instrument_id, lower(period) LIMIT 400`),
  );
  let waitlisted = 0;
  for (const b of busy.filter((_, i) => i % 9 === 0).slice(0, 36)) {
    const past = new Date(b.start).getTime() < now.getTime();
    await tx.execute(sql`INSERT INTO instrument_waitlist (instrument_id, enterprise_id, period, status, purpose, created_at)
      VALUES (${b.instrument_id}, ${rng.pick(enterpriseIds)}, tstzrange(${b.start}::timestamptz, ${b.end}::timestamptz, '[)'), ${past ? 'expired' : 'waiting'}, '【演示数据】候补', ${new Date(new Date(b.start).getTime() - 3 * DAY_MS)})`);
    waitlisted++;
  }
  // Two platforms with stricter rules than the defaults.
  await tx.execute(sql`INSERT INTO instrument_booking_rules (platform_id, late_cancel_hours, no_show_limit, suspension_days, offer_hours)
    SELECT DISTINCT platform_id, 48, 2, 14, 2 FROM instruments WHERE is_demo ORDER BY platform_id LIMIT 2 ON CONFLICT DO NOTHING`);

  // 快申快享 applications on the apply-mode policies, in every state.
  const policies = rowsOf<{ id: string; code: string; amount: string | null; conditions: unknown }>(await tx.execute(sql`SELECT id::text AS id, code, amount::text AS amount, conditions FROM service_policies ORDER BY code`));
  const apply = policies.filter((p) => policyMode(conditionsSchema.parse(p.conditions)) === 'apply');
  const auto = policies.filter((p) => policyMode(conditionsSchema.parse(p.conditions)) === 'auto');
  let applications = 0;
  const states = ['submitted', 'submitted', 'reviewed', 'approved', 'approved', 'rejected', 'disbursed'] as const;
  for (const p of apply) {
    for (const [k, state] of states.entries()) {
      const enterpriseId = enterpriseIds[(k * 7 + applications * 3) % enterpriseIds.length]!;
      const submittedAt = new Date(now.getTime() - rng.int(3, 120) * DAY_MS);
      const amount = p.amount ?? `${rng.int(10, 80)}.00`;
      const decided = state === 'approved' || state === 'rejected' || state === 'disbursed';
      const rows = rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO service_policy_applications (policy_id, enterprise_id, statement, amount_requested, status, submitted_at, reviewed_at, review_note, decided_at, decision_note, amount_approved, is_demo)
          VALUES (${p.id}, ${enterpriseId}, '【演示数据】按政策要求提交申报材料,详见附件。', ${amount}, ${state}, ${submittedAt},
            ${state === 'submitted' ? null : new Date(submittedAt.getTime() + 3 * DAY_MS)}, ${state === 'submitted' ? null : '材料齐全'},
            ${decided ? new Date(submittedAt.getTime() + 10 * DAY_MS) : null}, ${state === 'rejected' ? '不符合设备购置时间要求' : decided ? '同意支持' : null},
            ${decided && state !== 'rejected' ? amount : null}, true)
          ON CONFLICT (policy_id, enterprise_id) DO NOTHING RETURNING id::text AS id`),
      );
      const id = rows[0]?.id;
      if (!id) continue;
      applications++;
      if (state === 'approved' || state === 'disbursed') {
        const at = new Date(submittedAt.getTime() + 10 * DAY_MS);
        await tx.execute(sql`INSERT INTO service_policy_awards (policy_id, enterprise_id, amount, confirmed_at, application_id, disbursed_amount, disbursed_at)
          VALUES (${p.id}, ${enterpriseId}, ${amount}, ${at}, ${id}, ${state === 'disbursed' ? amount : null}, ${state === 'disbursed' ? new Date(at.getTime() + 20 * DAY_MS) : null}) ON CONFLICT DO NOTHING`);
      }
    }
  }

  // Awards of two years ago on the other 免申即享 policies, mostly paid: the effect view compares their recipients.
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4)) - 2;
  let historicalAwards = 0;
  for (const p of auto.slice(1)) {
    for (const enterpriseId of enterpriseIds.filter((_, i) => i % 11 === auto.indexOf(p))) {
      const at = new Date(`${year}-0${rng.int(3, 9)}-15T02:00:00Z`);
      const paid = rng.chance(0.85);
      const r = rowsOf(await tx.execute(sql`INSERT INTO service_policy_awards (policy_id, enterprise_id, amount, confirmed_at, disbursed_amount, disbursed_at)
        VALUES (${p.id}, ${enterpriseId}, ${p.amount}, ${at}, ${paid ? p.amount : null}, ${paid ? new Date(at.getTime() + 30 * DAY_MS) : null}) ON CONFLICT DO NOTHING RETURNING id`));
      historicalAwards += r.length;
    }
  }
  return { demands, waitlisted, applications, historicalAwards };
}

/** Rows of a raw statement's result on either engine (PGlite answers `{rows}`, node-postgres a QueryResult with rows). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
