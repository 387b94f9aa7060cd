import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';
import { servicePolicyApplications } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — 快申快享 applications (with their materials) are seen by the applying enterprise (its
 * own), the commission that reviews them and the leader; nobody else. Only the commission reviews, decides
 * and records the disbursement; materials are attached by the enterprise while its application is not yet
 * decided, or by the commission.
 */
function readable(scope: Scope): SQL {
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'enterprise') return inIds(servicePolicyApplications.enterpriseId, scope.ids);
  return sql`false`;
}

export const policyApplicationAccess = registerAccess({
  entity: 'policy-application',
  ids: { table: servicePolicyApplications, id: servicePolicyApplications.id },
  rules: {
    read: readable,
    review: (scope) => (managesDistrict(scope) ? sql`true` : sql`false`),
    attach: (scope) =>
      managesDistrict(scope)
        ? sql`true`
        : scope.kind === 'enterprise'
          ? sql`${readable(scope)} AND ${servicePolicyApplications.status} IN ('submitted', 'reviewed')`
          : sql`false`,
  },
});

export const applicationScope = (actor: Actor): SQL => policyApplicationAccess.predicate(actor, 'read');
export const applicationReviewScope = (actor: Actor): SQL => policyApplicationAccess.predicate(actor, 'review');
