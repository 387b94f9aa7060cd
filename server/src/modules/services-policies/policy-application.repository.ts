import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enterprises, servicePolicies, servicePolicyApplications, servicePolicyAwards } from '../../db/schema/index.ts';

const columns = {
  row: servicePolicyApplications,
  policyCode: servicePolicies.code,
  policyTitle: servicePolicies.title,
  enterpriseName: enterprises.name,
  uscc: sql<string>`${enterprises.uscc}`,
  awardId: servicePolicyAwards.id,
  disbursedAmount: servicePolicyAwards.disbursedAmount,
  disbursedAt: servicePolicyAwards.disbursedAt,
};
export type ApplicationRow = {
  row: typeof servicePolicyApplications.$inferSelect;
  policyCode: string;
  policyTitle: string;
  enterpriseName: string;
  uscc: string;
  awardId: string | null;
  disbursedAmount: string | null;
  disbursedAt: Date | null;
};

function query(db: Db) {
  return db
    .select(columns)
    .from(servicePolicyApplications)
    .innerJoin(servicePolicies, eq(servicePolicies.id, servicePolicyApplications.policyId))
    .innerJoin(enterprises, eq(enterprises.id, servicePolicyApplications.enterpriseId))
    .leftJoin(servicePolicyAwards, eq(servicePolicyAwards.applicationId, servicePolicyApplications.id));
}

export async function listApplications(db: Db, scope: SQL): Promise<ApplicationRow[]> {
  return (await query(db).where(scope).orderBy(desc(servicePolicyApplications.submittedAt)).limit(1000)) as ApplicationRow[];
}

export async function findApplication(db: Db, scope: SQL, id: string, forUpdate = false): Promise<ApplicationRow | null> {
  const q = query(db).where(and(scope, eq(servicePolicyApplications.id, id)));
  const [row] = forUpdate ? await q.for('update', { of: servicePolicyApplications }) : await q;
  return (row as ApplicationRow | undefined) ?? null;
}

export async function insertApplication(db: Db, values: typeof servicePolicyApplications.$inferInsert): Promise<string | null> {
  const [row] = await db.insert(servicePolicyApplications).values(values).onConflictDoNothing().returning({ id: servicePolicyApplications.id });
  return row?.id ?? null;
}

export async function updateApplication(db: Db, id: string, values: Partial<typeof servicePolicyApplications.$inferInsert>): Promise<void> {
  await db.update(servicePolicyApplications).set(values).where(eq(servicePolicyApplications.id, id));
}

export async function insertApplicationAward(db: Db, values: typeof servicePolicyAwards.$inferInsert): Promise<void> {
  await db.insert(servicePolicyAwards).values(values);
}

export async function findAward(db: Db, id: string, forUpdate = false) {
  const q = db.select().from(servicePolicyAwards).where(eq(servicePolicyAwards.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function recordDisbursement(db: Db, id: string, amount: string, userId: string | null, at: Date): Promise<void> {
  await db.update(servicePolicyAwards).set({ disbursedAmount: amount, disbursedBy: userId, disbursedAt: at }).where(eq(servicePolicyAwards.id, id));
}
