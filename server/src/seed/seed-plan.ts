import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { plans } from '../db/schema/index.ts';
import { parsePolicy } from '../domain/plan-parser/parse-policy.ts';
import { appendAuditRecord } from '../modules/audit/audit.repository.ts';
import { findPlanByCode } from '../modules/plan/plan.repository.ts';
import { createPlanRow, normaliseSourceText, storeVersion } from '../modules/plan/plan-store.ts';
import { seedReferenceData } from './seed-reference.ts';

/** The district's policy, shipped with the product (SPEC §2): the plan every installation starts with. */
export const SEED_POLICY_FILE = new URL('./policy/jinshan-biomanufacturing-2023.txt', import.meta.url);
export const SEED_PLAN_CODE = 'jinshan-biomanufacturing-2023';

export function readSeedPolicyText(): string {
  return normaliseSourceText(fs.readFileSync(SEED_POLICY_FILE, 'utf8'));
}

/**
 * Loads the shipped policy as version 1 (active) of the district's plan. Idempotent: when the plan exists,
 * nothing changes (an operator's later versions and activations are never overwritten). Needs the reference
 * data (departments, domains, zones) to link units, domains and zones; call after seedReferenceData.
 */
export async function seedPolicyPlan(tx: Db, now = new Date()): Promise<{ created: boolean; planId: string; versionId: string | null }> {
  const existing = await findPlanByCode(tx, SEED_PLAN_CODE);
  if (existing) return { created: false, planId: existing.id, versionId: null };
  const text = readSeedPolicyText();
  const structure = parsePolicy(text);
  const plan = await createPlanRow(tx, SEED_PLAN_CODE, structure.title ?? '金山区加快推进生物制造产业高质量发展的实施意见', null, now);
  const version = await storeVersion(tx, {
    planId: plan.id,
    status: 'active',
    structure,
    sourceText: text,
    sourceFileName: 'jinshan-biomanufacturing-2023.txt',
    note: '系统初始化:随产品提供的区政策文本',
    previousVersionId: null,
    createdBy: null,
    createdByName: 'system',
    now,
  });
  await appendAuditRecord(
    tx,
    {
      actorUserId: null,
      actorUsername: 'system',
      actorRole: null,
      ip: null,
      requestId: null,
      action: 'plan.seed',
      outcome: 'success',
      objectType: 'plan-version',
      objectId: version.id,
      after: { planCode: SEED_PLAN_CODE, version: version.version, status: 'active', goals: structure.goals.length, tasks: structure.tasks.length },
    },
    now,
  );
  return { created: true, planId: plan.id, versionId: version.id };
}

/**
 * At server start: a database without any plan gets the district's plan (with `--no-demo` too; the demo
 * seeder loads it itself). Reference data is (re)applied first, idempotently, so the links resolve.
 */
/** The advisory lock under which a start loads what every installation needs (reference data, the plan). */
export const INSTALLATION_LOCK = 724134;

export async function ensureDistrictPlan(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(plans);
  if ((row?.n ?? 0) > 0) return false;
  return database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Two servers starting at once on an empty PostgreSQL: the second waits here, then finds the plan loaded.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${INSTALLATION_LOCK})`);
    const [again] = await tx.select({ n: sql<number>`count(*)::int` }).from(plans);
    if ((again?.n ?? 0) > 0) return false;
    await seedReferenceData(tx);
    return (await seedPolicyPlan(tx)).created;
  });
}
