import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, registerAccess, scopeOf, singleId, type Scope } from '../../access/index.ts';
import { serviceRequests } from '../../db/schema/index.ts';

/** The platform a provider account (role `platform`, scope kind `platform`; docs/decisions/0017) acts for. */
export function providerPlatformOf(actor: Actor): string | null {
  const scope = scopeOf(actor);
  return scope.kind === 'provider' && scope.provider === 'platform' ? singleId(scope.ids) : null;
}

const routedTo = (kind: string, ids: readonly string[]) => sql`(${serviceRequests.targetKind} = ${kind} AND ${inIds(serviceRequests.targetId, ids)})`;

/**
 * SECURITY INVARIANT — the one place that decides which enterprise requests (企业诉求) an actor may see.
 *
 * - leader, commission: every request;
 * - department: the requests routed to it; park: those routed to its zone's committee;
 * - a platform's provider account: those routed to its platform;
 * - enterprise: its own requests only;
 * - expert, administrators, no role: nothing.
 */
function readable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'department':
      return routedTo('department', scope.ids);
    case 'zone':
      return routedTo('zone', scope.ids);
    case 'enterprise':
      return inIds(serviceRequests.enterpriseId, scope.ids);
    case 'provider':
      return scope.provider === 'platform' ? routedTo('platform', scope.ids) : sql`false`;
    default:
      return sql`false`;
  }
}

export const serviceRequestAccess = registerAccess({
  entity: 'service-request',
  ids: { table: serviceRequests, id: serviceRequests.id },
  rules: {
    read: readable,
    // accept and answer: the commission any; a handler those routed to it. Never wider than read.
    handle: (scope) => ((scope.kind === 'district' && scope.mode === 'read') || scope.kind === 'enterprise' ? sql`false` : readable(scope)),
    // rate: the submitting enterprise its own
    rate: (scope) => (scope.kind === 'enterprise' ? readable(scope) : sql`false`),
  },
});

export const requestScope = (actor: Actor): SQL => serviceRequestAccess.predicate(actor, 'read');
export const requestHandleScope = (actor: Actor): SQL => serviceRequestAccess.predicate(actor, 'handle');
export const requestRateScope = (actor: Actor): SQL => serviceRequestAccess.predicate(actor, 'rate');
