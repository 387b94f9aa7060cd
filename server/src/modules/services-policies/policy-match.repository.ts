import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { domains, enterprises, monthlyReports, servicePolicies, servicePolicyAwards, zones } from '../../db/schema/index.ts';
import { growthOf, type EnterpriseFacts } from '../../domain/services/eligibility.ts';

export type PolicyRow = typeof servicePolicies.$inferSelect;

export async function listPolicies(db: Db): Promise<PolicyRow[]> {
  return db.select().from(servicePolicies).orderBy(asc(servicePolicies.code));
}

export async function findPolicyByCode(db: Db, code: string): Promise<PolicyRow | null> {
  const [row] = await db.select().from(servicePolicies).where(eq(servicePolicies.code, code));
  return row ?? null;
}

export interface EnterpriseWithFacts {
  id: string;
  uscc: string;
  name: string;
  facts: EnterpriseFacts;
}

/**
 * The facts eligibility rules read, for the active enterprises in `scope`: registry attributes and the growth of
 * revenue, R&D expense and output in `year` over `year − 1`, from approved monthly reports only (a draft is not
 * a figure the district stands behind).
 */
export async function enterpriseFacts(db: Db, scope: SQL, year: number): Promise<EnterpriseWithFacts[]> {
  // The enterprises matched, as one condition: the list below and the figures' subquery read the same ones.
  const matched = and(scope, eq(enterprises.status, 'active'));
  const rows = await db
    .select({
      id: enterprises.id,
      uscc: sql<string>`${enterprises.uscc}`,
      name: enterprises.name,
      domain: domains.code,
      zone: zones.code,
      stage: enterprises.stage,
      isAboveScale: enterprises.isAboveScale,
      tags: enterprises.tags,
      foundedOn: sql<string | null>`${enterprises.foundedOn}::text`,
      carrierId: enterprises.carrierId,
    })
    .from(enterprises)
    .leftJoin(domains, eq(domains.id, enterprises.domainId))
    .leftJoin(zones, eq(zones.id, enterprises.zoneId))
    .where(matched)
    .orderBy(asc(enterprises.uscc));
  if (rows.length === 0) return [];
  const sums = await db
    .select({
      enterpriseId: monthlyReports.enterpriseId,
      year: monthlyReports.year,
      revenue: sql<string | null>`sum(${monthlyReports.revenue})::text`,
      rd: sql<string | null>`sum(${monthlyReports.rd})::text`,
      output: sql<string | null>`sum(${monthlyReports.output})::text`,
    })
    .from(monthlyReports)
    .where(
      and(
        eq(monthlyReports.status, 'approved'),
        inArray(monthlyReports.year, [year, year - 1]),
        // The same enterprises as a subquery, not their ids: one bound parameter each failed the commission's
        // view of a city (more than 65 535 active enterprises).
        sql`${monthlyReports.enterpriseId} IN (SELECT ${enterprises.id} FROM ${enterprises} WHERE ${matched})`,
      ),
    )
    .groupBy(monthlyReports.enterpriseId, monthlyReports.year);
  const byKey = new Map<string, { revenue: number; rd: number; output: number }>();
  for (const s of sums) byKey.set(`${s.enterpriseId}:${s.year}`, { revenue: Number(s.revenue ?? 0), rd: Number(s.rd ?? 0), output: Number(s.output ?? 0) });
  return rows.map((r) => {
    const now = byKey.get(`${r.id}:${year}`) ?? { revenue: 0, rd: 0, output: 0 };
    const base = byKey.get(`${r.id}:${year - 1}`) ?? { revenue: 0, rd: 0, output: 0 };
    return {
      id: r.id,
      uscc: r.uscc,
      name: r.name,
      facts: {
        domain: r.domain,
        zone: r.zone,
        stage: r.stage,
        isAboveScale: r.isAboveScale,
        tags: r.tags,
        foundedOn: r.foundedOn,
        hasCarrier: r.carrierId !== null,
        growth: { revenue: growthOf(now.revenue, base.revenue), rd: growthOf(now.rd, base.rd), output: growthOf(now.output, base.output) },
      },
    };
  });
}

export async function awardedEnterpriseIds(db: Db, policyId: string): Promise<Set<string>> {
  const rows = await db.select({ id: servicePolicyAwards.enterpriseId }).from(servicePolicyAwards).where(eq(servicePolicyAwards.policyId, policyId));
  return new Set(rows.map((r) => r.id));
}

export async function awardsOfEnterprise(db: Db, enterpriseId: string): Promise<Set<string>> {
  const rows = await db.select({ id: servicePolicyAwards.policyId }).from(servicePolicyAwards).where(eq(servicePolicyAwards.enterpriseId, enterpriseId));
  return new Set(rows.map((r) => r.id));
}

export async function insertAwards(db: Db, rows: (typeof servicePolicyAwards.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(servicePolicyAwards).values(rows).onConflictDoNothing().returning({ id: servicePolicyAwards.id });
  return inserted.length;
}

export async function enterprisesByUscc(db: Db, usccs: readonly string[]) {
  return db.select({ id: enterprises.id, uscc: sql<string>`${enterprises.uscc}` }).from(enterprises).where(inArray(enterprises.uscc, [...usccs]));
}
