import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enterprises, expertConflicts, experts, platforms, techChallengeMatches, techChallenges, techDeals, techIntroductions, techListings } from '../../db/schema/index.ts';

export type ListingRow = typeof techListings.$inferSelect;
export interface ListingFilter {
  q?: string | undefined;
  domainId?: string | undefined;
  kind?: string | undefined;
  minTrl?: number | undefined;
  status?: string | undefined;
  platformId?: string | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * Listings in `scope`, with the counts the list shows and, for an enterprise (`enterpriseId`), its own
 * introduction's status. The counts are the district's (how much interest a listing drew), not rows.
 */
export async function listListings(db: Db, scope: SQL, filter: ListingFilter, enterpriseId: string | null, id?: string) {
  const conditions: SQL[] = [scope];
  if (id) conditions.push(eq(techListings.id, id));
  if (filter.q) {
    const like = escapeLike(filter.q);
    conditions.push(sql`(${techListings.title} ILIKE ${like} OR ${techListings.summary} ILIKE ${like} OR ${techListings.ownerName} ILIKE ${like} OR array_to_string(${techListings.keywords}, ' ') ILIKE ${like})`);
  }
  if (filter.domainId) conditions.push(eq(techListings.domainId, filter.domainId));
  if (filter.kind) conditions.push(eq(techListings.kind, filter.kind));
  if (filter.minTrl) conditions.push(sql`${techListings.trl} >= ${filter.minTrl}`);
  if (filter.status) conditions.push(eq(techListings.status, filter.status));
  if (filter.platformId) conditions.push(eq(techListings.ownerPlatformId, filter.platformId));
  return db
    .select({
      row: techListings,
      introductions: sql<number>`(SELECT count(*)::int FROM tech_introductions i WHERE i.listing_id = tech_listings.id)`,
      deals: sql<number>`(SELECT count(*)::int FROM tech_deals d WHERE d.listing_id = tech_listings.id AND d.status <> 'terminated')`,
      myIntroduction: enterpriseId
        ? sql<string | null>`(SELECT i.status FROM tech_introductions i WHERE i.listing_id = tech_listings.id AND i.enterprise_id = ${enterpriseId} ORDER BY (i.status = 'declined'), i.created_at DESC LIMIT 1)`
        : sql<string | null>`NULL::text`,
    })
    .from(techListings)
    .where(and(...conditions))
    .orderBy(desc(techListings.updatedAt), asc(techListings.code));
}

export async function findListing(db: Db, scope: SQL, id: string, forUpdate = false) {
  const query = db.select().from(techListings).where(and(scope, eq(techListings.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function nextCode(db: Db, table: 'tech_listings' | 'tech_challenges', prefix: string, year: number) {
  const like = `${prefix}-${year}-%`;
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(table === 'tech_listings' ? techListings : techChallenges).where(sql`code LIKE ${like}`);
  return `${prefix}-${year}-${String((rows[0]?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function platformName(db: Db, id: string) {
  const [row] = await db.select({ name: platforms.name, operator: platforms.operatorEnterpriseId }).from(platforms).where(and(eq(platforms.id, id), sql`${platforms.deletedAt} IS NULL`));
  return row ?? null;
}

export async function introductionsOf(db: Db, scope: SQL, listingId?: string) {
  return db
    .select({ row: techIntroductions, listingTitle: techListings.title, ownerPlatformId: techListings.ownerPlatformId, enterpriseName: enterprises.name })
    .from(techIntroductions)
    .innerJoin(techListings, eq(techListings.id, techIntroductions.listingId))
    .innerJoin(enterprises, eq(enterprises.id, techIntroductions.enterpriseId))
    .where(and(scope, listingId ? eq(techIntroductions.listingId, listingId) : sql`true`))
    .orderBy(desc(techIntroductions.createdAt));
}

export async function dealsOf(db: Db, scope: SQL, listingId?: string) {
  return db
    .select({ row: techDeals, listingTitle: techListings.title, enterpriseName: enterprises.name, uscc: enterprises.uscc })
    .from(techDeals)
    .innerJoin(techListings, eq(techListings.id, techDeals.listingId))
    .innerJoin(enterprises, eq(enterprises.id, techDeals.enterpriseId))
    .where(and(scope, listingId ? eq(techDeals.listingId, listingId) : sql`true`))
    .orderBy(desc(techDeals.updatedAt));
}

/** The challenges a listing was pushed to (the listing's readers see which calls it answers). */
export async function challengesOfListing(db: Db, listingId: string) {
  return db
    .select({ id: techChallenges.id, title: techChallenges.title, enterpriseName: enterprises.name, score: techChallengeMatches.score })
    .from(techChallengeMatches)
    .innerJoin(techChallenges, eq(techChallenges.id, techChallengeMatches.challengeId))
    .innerJoin(enterprises, eq(enterprises.id, techChallenges.enterpriseId))
    .where(eq(techChallengeMatches.listingId, listingId))
    .orderBy(desc(techChallengeMatches.score), asc(techChallenges.code));
}

/**
 * The district enterprises on either side of a listing (owner, requesters, dealers) and, for a challenge
 * response, the challenger — what declared conflicts are checked against. `unsafe…`: the commission's
 * assignment reads them whatever the caller could list, because a conflict hidden from a list is still one.
 */
export async function unsafeEvaluationParties(db: Db, listing: ListingRow, challengeEnterpriseId: string | null) {
  const ids = new Map<string, 'owner' | 'challenger' | 'requester' | 'dealer'>();
  if (listing.ownerEnterpriseId) ids.set(listing.ownerEnterpriseId, 'owner');
  if (challengeEnterpriseId && !ids.has(challengeEnterpriseId)) ids.set(challengeEnterpriseId, 'challenger');
  const requesters = await db.select({ id: techIntroductions.enterpriseId }).from(techIntroductions).where(eq(techIntroductions.listingId, listing.id));
  for (const r of requesters) if (!ids.has(r.id)) ids.set(r.id, 'requester');
  const dealers = await db.select({ id: techDeals.enterpriseId }).from(techDeals).where(eq(techDeals.listingId, listing.id));
  for (const d of dealers) if (!ids.has(d.id)) ids.set(d.id, 'dealer');
  if (!ids.size) return [];
  const names = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.id, [...ids.keys()]));
  return names.map((n) => ({ enterpriseId: n.id, name: n.name, role: ids.get(n.id)! }));
}

/** The live expert pool with each expert's declared conflicts (the commission's assignment view). */
export async function expertPoolWithConflicts(db: Db) {
  const pool = await db.select().from(experts).where(sql`${experts.deletedAt} IS NULL`).orderBy(asc(experts.code));
  const conflicts = pool.length ? await db.select().from(expertConflicts).where(inArray(expertConflicts.expertId, pool.map((e) => e.id))) : [];
  return pool.map((e) => ({
    row: e,
    id: e.id,
    name: e.name,
    affiliation: e.affiliation,
    domainCodes: e.domainCodes,
    conflicts: conflicts.filter((c) => c.expertId === e.id).map((c) => ({ enterpriseId: c.enterpriseId, relation: c.relation })),
  }));
}
