import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { serviceRequests } from '../../db/schema/index.ts';

/** The platform a provider account (role `platform`, scope kind `platform`; docs/decisions/0017) acts for. */
export function providerPlatformOf(actor: Actor): string | null {
  return actor.role === 'platform' && actor.scope?.kind === 'platform' ? actor.scope.id : null;
}

/**
 * SECURITY INVARIANT — the one place that decides which enterprise requests (企业诉求) an actor may see.
 *
 * - leader, commission: every request;
 * - department: the requests routed to it; park: those routed to its zone's committee;
 * - a platform's provider account: those routed to its platform;
 * - enterprise: its own requests only;
 * - expert, administrators, no role: nothing.
 */
export function requestScope(actor: Actor): SQL {
  const routedTo = (kind: string, id: string) => sql`(${serviceRequests.targetKind} = ${kind} AND ${serviceRequests.targetId} = ${id})`;
  const platformId = providerPlatformOf(actor);
  if (platformId) return routedTo('platform', platformId);
  switch (actor.role) {
    case 'leader':
    case 'commission':
      return sql`true`;
    case 'department':
      return actor.scope?.kind === 'department' ? routedTo('department', actor.scope.id) : sql`false`;
    case 'park':
      return actor.scope?.kind === 'zone' ? routedTo('zone', actor.scope.id) : sql`false`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${serviceRequests.enterpriseId} = ${actor.scope.id}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** Requests an actor may accept and answer: the commission any; a handler those routed to it. Never wider than requestScope. */
export function requestHandleScope(actor: Actor): SQL {
  if (actor.role === 'leader' || actor.role === 'enterprise') return sql`false`;
  return requestScope(actor);
}

/** Requests an actor may rate: the submitting enterprise's own. */
export function requestRateScope(actor: Actor): SQL {
  return actor.role === 'enterprise' ? requestScope(actor) : sql`false`;
}
