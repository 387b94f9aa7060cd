import { seedDemoChainWeights } from './seed-demo-chain-weights.ts';
import { seedDemoCarrierLadder } from './seed-demo-carrier-ladder.ts';
import { seedDemoAttraction } from './seed-demo-attraction.ts';
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { carriers, domains, enterprises, users, zones } from '../db/schema/index.ts';
import { generateDemoDataset } from '../domain/demo/generate-demo.ts';
import type { DemoAccount, DemoDataset, DemoEnterprise, YearMonth } from '../domain/demo/types.ts';
import { sealedContactColumns } from '../modules/enterprises/enterprise-contacts.ts';
import { provisionUser } from '../modules/users/user-provisioning.ts';
import { seedReferenceData } from './seed-reference.ts';
import { seedDemoStatistics } from './seed-demo-statistics.ts';
import { expertRegistryCode, seedDemoRegistries } from './seed-demo-registries.ts';
import { seedDemoSupervision } from './seed-demo-supervision.ts';
import { referenceData } from './reference/index.ts';
import { appendAuditRecord } from '../modules/audit/audit.repository.ts';
import { seedPolicyPlan } from './seed-plan.ts';
import { seedDemoServices } from './seed-demo-services.ts';
import { seedDemoTechTransfer } from './seed-demo-tech-transfer.ts';
import { seedDemoServiceOperations } from './seed-demo-services-operations.ts';
import { seedDemoMatchmaking } from './seed-demo-matchmaking.ts';

export interface SeedDemoOptions {
  enterprises?: number;
  seed?: number;
  /** Defaults to the last complete month before `now`. */
  asOf?: YearMonth;
  now?: Date;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface SeedDemoResult {
  enterprises: number;
  accounts: DemoAccount[];
  skippedAccounts: string[];
}

export function lastCompleteMonth(now: Date): YearMonth {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth(); // 0-based: the previous month in 1-based terms
  return month === 0 ? { year: year - 1, month: 12 } : { year, month };
}

/**
 * Loads the synthetic demo data set (演示数据, flagged is_demo on every row) and one account per role.
 * Later features extend this seeder with their own tables. Enterprises are inserted in batches in one
 * transaction: a failure leaves nothing half-loaded.
 */
export async function seedDemo(database: Database, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const asOf = options.asOf ?? lastCompleteMonth(now);
  const progress = options.onProgress ?? (() => {});
  const dataset: DemoDataset = generateDemoDataset({
    enterprises: options.enterprises ?? 150,
    seed: options.seed ?? 20231011,
    asOf,
    includeMonthlyReports: false,
  });
  return database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await seedReferenceData(tx);
    await seedPolicyPlan(tx, now);
    const enterpriseIds = await insertEnterprises(tx, dataset.enterprises, progress);
    await seedDemoStatistics(tx, dataset, enterpriseIds, progress);
    await seedDemoRegistries(tx, dataset, enterpriseIds, progress);
    await seedDemoSupervision(tx, now, options.seed ?? 20231011);
    await seedDemoChainWeights(tx);
    await seedDemoCarrierLadder(tx, new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), options.seed ?? 20231011);
    await seedDemoAttraction(tx, options.seed ?? 20231011, now);
    const accounts: DemoAccount[] = [];
    const skippedAccounts: string[] = [];
    for (const account of dataset.demoAccounts) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${account.username})`);
      if (existing) {
        skippedAccounts.push(account.username);
        continue;
      }
      const scope = !account.scopeId
        ? null
        : account.scopeKind === 'enterprise'
          ? (enterpriseIds.get(account.scopeId) ?? null)
          : account.scopeKind === 'expert'
            ? expertRegistryCode(account.scopeId)
            : account.scopeId;
      // Demo accounts skip the forced password change (and only they do): the README lists their password.
      await provisionUser(tx, {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        scope,
        password: account.password,
        mustChangePassword: false,
        isDemo: true,
      });
      accounts.push(account);
    }
    // Enterprise services after the accounts: the demo enterprise account's instrument trainings need its user.
    await seedDemoServices(tx, dataset, enterpriseIds, options.seed ?? 20231011, now);
    await seedDemoTechTransfer(tx, options.seed ?? 20231011, now);
    await seedDemoServiceOperations(tx, [...enterpriseIds.values()], options.seed ?? 20231011, now);
    await seedDemoMatchmaking(tx, dataset, enterpriseIds, options.seed ?? 20231011, now);
    await appendAuditRecord(
      tx,
      {
        actorUserId: null,
        actorUsername: 'system',
        actorRole: null,
        ip: null,
        requestId: null,
        action: 'seed.demo',
        outcome: 'success',
        details: { enterprises: dataset.enterprises.length, accounts: accounts.map((a) => a.username), seed: options.seed ?? 20231011, asOf },
      },
      now,
    );
    return { enterprises: dataset.enterprises.length, accounts, skippedAccounts };
  });
}

async function insertEnterprises(tx: Db, rows: readonly DemoEnterprise[], progress: (step: string, done: number, total: number) => void) {
  const domainIds = new Map((await tx.select({ id: domains.id, code: domains.code }).from(domains)).map((r) => [r.code, r.id]));
  const zoneIds = new Map((await tx.select({ id: zones.id, code: zones.code }).from(zones)).map((r) => [r.code, r.id]));
  const carrierIds = new Map((await tx.select({ id: carriers.id, code: carriers.code }).from(carriers)).map((r) => [r.code, r.id]));
  const subfieldName = new Map(referenceData.domains.flatMap((d) => d.subfields.map((s) => [s.code, s.nameZh] as const)));
  const ids = new Map<string, string>();
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const inserted = await tx
      .insert(enterprises)
      .values(
        batch.map((e) => {
          // Demo mobile numbers are personal-information fields like any other: sealed, bound to the row's id.
          const id = randomUUID();
          return {
            id,
            uscc: e.uscc,
            name: e.name,
            domainId: domainIds.get(e.domainCode) ?? null,
            subfield: subfieldName.get(e.subfieldCode) ?? e.subfieldCode,
            zoneId: zoneIds.get(e.zoneCode) ?? null,
            carrierId: e.carrierCode ? (carrierIds.get(e.carrierCode) ?? null) : null,
            stage: e.stage,
            isAboveScale: e.isAboveScale,
            isManufacturing: e.isManufacturing,
            tags: e.tags,
            foundedOn: e.foundedOn,
            status: e.status,
            exitedOn: e.exitOn,
            ...sealedContactColumns(id, e.contact.name ? [{ name: e.contact.name, phone: e.contact.phone ?? null }] : []),
            isDemo: true,
          };
        }),
      )
      .onConflictDoNothing({ target: enterprises.uscc })
      .returning({ id: enterprises.id, uscc: enterprises.uscc });
    const byUscc = new Map(inserted.map((r) => [r.uscc, r.id]));
    const missing = batch.filter((e) => !byUscc.has(e.uscc)).map((e) => e.uscc);
    if (missing.length) {
      for (const r of await tx.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.uscc, missing))) byUscc.set(r.uscc, r.id);
    }
    for (const e of batch) ids.set(e.id, byUscc.get(e.uscc)!);
    progress('enterprises', Math.min(i + BATCH, rows.length), rows.length);
  }
  return ids;
}

/** True when the database holds no accounts yet (a fresh installation). */
export async function isEmptyInstallation(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}
