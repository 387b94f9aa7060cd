import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { techChallenges, techDeals, techEvaluations, techIntroductions, techListings } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — technology transfer 成果转化 (issue 14 §3, docs/decisions/0028-tech-transfer.md).
 *
 * Listings (non-confidential summaries, published to the district):
 * - the commission and the leader: every listing, withdrawn ones included;
 * - a platform's provider account: every active listing, and its own platform's in any status; it changes its
 *   own platform's only;
 * - departments, parks and enterprises: active listings (an enterprise also its own, in any status);
 * - an expert: only the listings of the evaluations assigned to it (through the evaluation routes);
 * - the commission changes every listing.
 * The owner's contact on a listing is shown only to its owner, the commission, and an enterprise whose
 * introduction the owner accepted (presenter, `contactShared`).
 *
 * Introductions: the requesting enterprise its own; a platform account those on its platform's listings;
 * the commission and the leader all. Deciding: the listing's owner platform, or the commission.
 * Evaluations: the commission and the leader all; an expert only those assigned to it, and it alone scores them.
 * Deals: the commission and the leader all; the enterprise its own; a platform account those on its listings.
 */
const ownPlatformListings = (ids: readonly string[]) => sql`(SELECT l.id FROM tech_listings l WHERE ${inIds(sql`l.owner_platform_id`, ids)})`;

function listingRead(scope: Scope): SQL {
  const active = sql`${techListings.status} = 'active'`;
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'provider':
      return scope.provider === 'platform'
        ? sql`(${active} OR ${inIds(techListings.ownerPlatformId, scope.ids)})`
        : sql`${techListings.id} IN (SELECT e.listing_id FROM tech_evaluations e WHERE ${inIds(sql`e.expert_id`, scope.ids)})`;
    case 'enterprise':
      return sql`(${active} OR ${inIds(techListings.ownerEnterpriseId, scope.ids)})`;
    case 'department':
    case 'zone':
      return active;
    default:
      return sql`false`;
  }
}
function listingManage(scope: Scope): SQL {
  if (managesDistrict(scope)) return sql`true`;
  if (scope.kind === 'provider' && scope.provider === 'platform') return inIds(techListings.ownerPlatformId, scope.ids);
  return sql`false`;
}

export const listingAccess = registerAccess({
  entity: 'tech-listing',
  ids: { table: techListings, id: techListings.id },
  rules: { read: listingRead, write: listingManage },
});

function introductionRead(scope: Scope): SQL {
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'enterprise') return inIds(techIntroductions.enterpriseId, scope.ids);
  if (scope.kind === 'provider' && scope.provider === 'platform') return sql`${techIntroductions.listingId} IN ${ownPlatformListings(scope.ids)}`;
  return sql`false`;
}
function introductionDecide(scope: Scope): SQL {
  if (managesDistrict(scope)) return sql`true`;
  if (scope.kind === 'provider' && scope.provider === 'platform') return sql`${techIntroductions.listingId} IN ${ownPlatformListings(scope.ids)}`;
  return sql`false`;
}
export const introductionAccess = registerAccess({
  entity: 'tech-introduction',
  ids: { table: techIntroductions, id: techIntroductions.id },
  rules: { read: introductionRead, decide: introductionDecide },
});

/** Challenges are public calls: every business reader but an expert (who sees its assignments only). */
export const challengeAccess = registerAccess({
  entity: 'tech-challenge',
  ids: { table: techChallenges, id: techChallenges.id },
  rules: { read: (scope) => (scope.kind === 'none' || (scope.kind === 'provider' && scope.provider === 'expert') ? sql`false` : sql`true`) },
});

function evaluationRead(scope: Scope): SQL {
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'provider' && scope.provider === 'expert') return inIds(techEvaluations.expertId, scope.ids);
  return sql`false`;
}
export const evaluationAccess = registerAccess({
  entity: 'tech-evaluation',
  ids: { table: techEvaluations, id: techEvaluations.id },
  rules: {
    read: evaluationRead,
    // only the assigned expert scores, and only once
    score: (scope) => (scope.kind === 'provider' && scope.provider === 'expert' ? sql`${inIds(techEvaluations.expertId, scope.ids)} AND ${techEvaluations.status} = 'assigned'` : sql`false`),
    assign: (scope) => (managesDistrict(scope) ? sql`true` : sql`false`),
  },
});

function dealRead(scope: Scope): SQL {
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'enterprise') return inIds(techDeals.enterpriseId, scope.ids);
  if (scope.kind === 'provider' && scope.provider === 'platform') return sql`${techDeals.listingId} IN ${ownPlatformListings(scope.ids)}`;
  return sql`false`;
}
function dealWrite(scope: Scope): SQL {
  if (managesDistrict(scope)) return sql`true`;
  if (scope.kind === 'provider' && scope.provider === 'platform') return sql`${techDeals.listingId} IN ${ownPlatformListings(scope.ids)}`;
  return sql`false`;
}
export const dealAccess = registerAccess({
  entity: 'tech-deal',
  ids: { table: techDeals, id: techDeals.id },
  rules: { read: dealRead, write: dealWrite },
});

/** The platform a provider account lists for (null for every other account). */
export function listingPlatformOf(actor: Actor): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'provider' && scope.provider === 'platform' ? (scope.ids[0] ?? null) : null;
}
/** The expert record an expert account acts for. */
export function expertOf(actor: Actor): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'provider' && scope.provider === 'expert' ? (scope.ids[0] ?? null) : null;
}
export const managesTechTransfer = (actor: Actor) => managesDistrict(scopeOf(actor));
/** Who reads evaluation results on a listing: the district (commission and leader). */
export const readsEvaluationResults = (actor: Actor) => scopeOf(actor).kind === 'district';
