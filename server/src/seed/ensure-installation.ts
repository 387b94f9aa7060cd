import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';
import { referenceData } from './reference/index.ts';
import { INSTALLATION_LOCK, ensureDistrictPlan } from './seed-plan.ts';
import { seedReferenceData } from './seed-reference.ts';

/**
 * What every start leaves in the database, whichever command opened it (`serve`, and every command line that
 * works on the data through withDatabase): the policy's reference data (departments, domains, zones,
 * carriers) and the shipped plan. Before this, only `serve` loaded them, and after `npx biomfg migrate` alone an
 * enterprise import rejected every row against an empty list of zones.
 *
 * Idempotent and cheap when nothing is missing: one query for the reference codes, one for the plans; the
 * reference data is (re)applied only when a code of it is missing, so that a registry edit is never undone by
 * a routine command and the statistics cache is not invalidated by a no-op write.
 */
export async function ensureInstallation(database: Database): Promise<{ referenceLoaded: boolean; planLoaded: boolean }> {
  const referenceLoaded = await ensureReferenceData(database);
  const planLoaded = await ensureDistrictPlan(database);
  return { referenceLoaded, planLoaded };
}

const codes = (list: readonly { code: string }[]) => JSON.stringify(list.map((x) => x.code));

async function ensureReferenceData(database: Database): Promise<boolean> {
  const [row] = await rowsOf<{ missing: boolean }>(
    database.db,
    sql`SELECT EXISTS (SELECT 1 FROM jsonb_array_elements_text(${codes(referenceData.domains)}::jsonb) AS x(code) WHERE x.code NOT IN (SELECT code FROM domains))
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${codes(referenceData.zones)}::jsonb) AS x(code) WHERE x.code NOT IN (SELECT code FROM zones))
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${codes(referenceData.departments)}::jsonb) AS x(code) WHERE x.code NOT IN (SELECT code FROM departments))
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${codes(referenceData.carriers)}::jsonb) AS x(code) WHERE x.code NOT IN (SELECT code FROM carriers)) AS missing`,
  );
  if (!row?.missing) return false;
  await database.db.transaction(async (tx) => {
    // Servers starting at once on an empty PostgreSQL apply it one after the other (it is idempotent).
    await (tx as unknown as Db).execute(sql`SELECT pg_advisory_xact_lock(${INSTALLATION_LOCK})`);
    await seedReferenceData(tx as unknown as Db);
  });
  return true;
}
