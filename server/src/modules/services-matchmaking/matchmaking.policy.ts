import { sql, type SQL } from 'drizzle-orm';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';
import { supplyDemandPostings } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which supply–demand postings and matches an actor may see
 * and act on (docs/decisions/0027). Every query of this feature goes through these rules.
 *
 * Postings:
 * - leader (read) and commission (read, close): every posting;
 * - park: the postings of its zone's enterprises (read);
 * - enterprise: its own postings (read, close, propose from) and the OPEN postings of others — their public
 *   part only: the presenter never gives another enterprise's contact, masked or not;
 * - departments, providers, administrators: nothing.
 * Matches (one need × one offer):
 * - leader, commission: every match (the commission may record an outcome);
 * - park: matches with a side in its zone;
 * - enterprise: matches where it owns the need or the offer; it consents for its own side, and sees the other
 *   side's contact only once both sides agreed (the service checks the state; this rule checks the party).
 */

const P = supplyDemandPostings;
const ownerInZone = (enterpriseId: SQL, ids: readonly string[]) =>
  sql`EXISTS (SELECT 1 FROM enterprises ze WHERE ze.id = ${enterpriseId} AND ${inIds(sql`ze.zone_id`, ids)})`;

function postingReadable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'zone':
      return ownerInZone(sql`${P.enterpriseId}`, scope.ids);
    case 'enterprise':
      return sql`(${inIds(P.enterpriseId, scope.ids)} OR ${P.status} = 'open')`;
    default:
      return sql`false`;
  }
}

/** Close a posting, or look for and propose matches from it: its owner, or the commission. */
function postingWritable(scope: Scope): SQL {
  if (managesDistrict(scope)) return sql`true`;
  return scope.kind === 'enterprise' ? inIds(P.enterpriseId, scope.ids) : sql`false`;
}

export const postingAccess = registerAccess({
  entity: 'supply-posting',
  ids: { table: P, id: P.id },
  rules: { read: postingReadable, write: postingWritable },
});

/**
 * Match rules are written over the FROM clause every match query uses:
 * `supply_demand_matches m JOIN supply_demand_postings n ON n.id = m.need_id JOIN supply_demand_postings o ON o.id = m.offer_id`.
 */
export const MATCH_FROM = sql`supply_demand_matches m JOIN supply_demand_postings n ON n.id = m.need_id JOIN supply_demand_postings o ON o.id = m.offer_id`;

const party = (ids: readonly string[]) => sql`(${inIds(sql`n.enterprise_id`, ids)} OR ${inIds(sql`o.enterprise_id`, ids)})`;

function matchReadable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'zone':
      return sql`(${ownerInZone(sql`n.enterprise_id`, scope.ids)} OR ${ownerInZone(sql`o.enterprise_id`, scope.ids)})`;
    case 'enterprise':
      return party(scope.ids);
    default:
      return sql`false`;
  }
}

export const matchAccess = registerAccess({
  entity: 'supply-match',
  ids: { from: MATCH_FROM, id: sql`m.id` },
  rules: {
    read: matchReadable,
    // agree or decline, and see the other side's contact once both agreed: a party, for its own side
    consent: (scope) => (scope.kind === 'enterprise' ? party(scope.ids) : sql`false`),
    // record contacted / deal / no deal: a party, or the commission
    outcome: (scope) => (managesDistrict(scope) ? sql`true` : scope.kind === 'enterprise' ? party(scope.ids) : sql`false`),
  },
});

/** The enterprise an account acts for (only enterprise accounts are parties). */
export function ownEnterpriseOf(scope: Scope): string | null {
  return scope.kind === 'enterprise' ? (scope.ids[0] ?? null) : null;
}
