import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { instrumentBookings, instruments } from '../../db/schema/index.ts';
import { providerPlatformOf } from '../services-requests/index.ts';

/**
 * SECURITY INVARIANT — which instruments an actor sees: the catalogue is public to every business reader
 * (enterprises book from it); a platform's provider account sees its own platform's instruments only.
 */
export function instrumentScope(actor: Actor): SQL {
  const live = sql`${instruments.deletedAt} IS NULL`;
  const platformId = providerPlatformOf(actor);
  if (platformId) return sql`${live} AND ${instruments.platformId} = ${platformId}`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
    case 'department':
    case 'park':
    case 'enterprise':
      return live;
    default:
      return sql`false`;
  }
}

/**
 * SECURITY INVARIANT — which bookings an actor sees (who booked, what for, at what price):
 * - leader, commission: every booking;
 * - a platform's provider account: the bookings of its platform's instruments;
 * - enterprise: its own bookings only (others' bookings of the same instrument appear only as busy slots,
 *   without the booker: see busySlots);
 * - everyone else: nothing.
 */
export function bookingScope(actor: Actor): SQL {
  const platformId = providerPlatformOf(actor);
  if (platformId) return sql`${instrumentBookings.instrumentId} IN (SELECT id FROM instruments WHERE platform_id = ${platformId})`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
      return sql`true`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${instrumentBookings.enterpriseId} = ${actor.scope.id}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** Bookings an actor may approve or decline: the commission any, a provider account its platform's. */
export function bookingDecideScope(actor: Actor): SQL {
  if (providerPlatformOf(actor) || actor.role === 'commission') return bookingScope(actor);
  return sql`false`;
}

/** Bookings an actor may cancel: the booking enterprise its own. */
export function bookingCancelScope(actor: Actor): SQL {
  return actor.role === 'enterprise' ? bookingScope(actor) : sql`false`;
}
