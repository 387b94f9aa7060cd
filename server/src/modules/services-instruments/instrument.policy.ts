import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';
import { instrumentBookings, instrumentDemands, instrumentWaitlist, instruments } from '../../db/schema/index.ts';

/** The platform a provider account acts for (docs/decisions/0017), from the request's Scope. */
function platformIds(scope: Scope): readonly string[] | null {
  return scope.kind === 'provider' && scope.provider === 'platform' ? scope.ids : null;
}
const ofPlatform = (ids: readonly string[]) => sql`${instrumentBookings.instrumentId} IN (SELECT id FROM instruments WHERE ${inIds(sql`platform_id`, ids)})`;

/**
 * SECURITY INVARIANT — which instruments an actor sees: the catalogue is public to every business reader
 * (enterprises book from it) except experts; a platform's provider account sees its own platform's
 * instruments only. The commission manages every instrument, a platform account its platform's.
 */
function instrumentReadable(scope: Scope): SQL {
  const live = sql`${instruments.deletedAt} IS NULL`;
  const platforms = platformIds(scope);
  if (platforms) return sql`${live} AND ${inIds(instruments.platformId, platforms)}`;
  return scope.kind === 'district' || scope.kind === 'department' || scope.kind === 'zone' || scope.kind === 'enterprise' ? live : sql`false`;
}
function instrumentManageable(scope: Scope): SQL {
  return managesDistrict(scope) || platformIds(scope) ? instrumentReadable(scope) : sql`false`;
}

export const instrumentAccess = registerAccess({
  entity: 'instrument',
  ids: { table: instruments, id: instruments.id },
  rules: { read: instrumentReadable, manage: instrumentManageable },
});

/**
 * SECURITY INVARIANT — which bookings an actor sees (who booked, what for, at what price):
 * - leader, commission: every booking;
 * - a platform's provider account: the bookings of its platform's instruments;
 * - enterprise: its own bookings only (others' bookings of the same instrument appear only as busy slots,
 *   without the booker: see unsafeBusySlots);
 * - everyone else: nothing.
 * Deciding (approve, decline, no-show) is the commission's or the platform's; cancelling and answering an
 * offer is the booking enterprise's.
 */
function bookingReadable(scope: Scope): SQL {
  const platforms = platformIds(scope);
  if (platforms) return ofPlatform(platforms);
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'enterprise') return inIds(instrumentBookings.enterpriseId, scope.ids);
  return sql`false`;
}

export const bookingAccess = registerAccess({
  entity: 'booking',
  ids: { table: instrumentBookings, id: instrumentBookings.id },
  rules: {
    read: bookingReadable,
    decide: (scope) => (managesDistrict(scope) || platformIds(scope) ? bookingReadable(scope) : sql`false`),
    cancel: (scope) => (scope.kind === 'enterprise' ? bookingReadable(scope) : sql`false`),
  },
});

/** Waitlist entries: the enterprise its own (and only it acts on them); the platform its instruments'; the district all. */
function waitlistReadable(scope: Scope): SQL {
  const platforms = platformIds(scope);
  if (platforms) return sql`${instrumentWaitlist.instrumentId} IN (SELECT id FROM instruments WHERE ${inIds(sql`platform_id`, platforms)})`;
  if (scope.kind === 'district') return sql`true`;
  if (scope.kind === 'enterprise') return inIds(instrumentWaitlist.enterpriseId, scope.ids);
  return sql`false`;
}
export const waitlistAccess = registerAccess({
  entity: 'instrument-waitlist',
  ids: { table: instrumentWaitlist, id: instrumentWaitlist.id },
  rules: { read: waitlistReadable, act: (scope) => (scope.kind === 'enterprise' ? waitlistReadable(scope) : sql`false`) },
});

/** Requests for instrument types the district lacks: the enterprise its own, the district all (they name the firm). */
export const instrumentDemandAccess = registerAccess({
  entity: 'instrument-demand',
  ids: { table: instrumentDemands, id: instrumentDemands.id },
  rules: {
    read: (scope) => (scope.kind === 'district' ? sql`true` : scope.kind === 'enterprise' ? inIds(instrumentDemands.enterpriseId, scope.ids) : sql`false`),
  },
});

export const instrumentScope = (actor: Actor): SQL => instrumentAccess.predicate(actor, 'read');
export const instrumentManageScope = (actor: Actor): SQL => instrumentAccess.predicate(actor, 'manage');
export const bookingScope = (actor: Actor): SQL => bookingAccess.predicate(actor, 'read');
export const bookingDecideScope = (actor: Actor): SQL => bookingAccess.predicate(actor, 'decide');
export const bookingCancelScope = (actor: Actor): SQL => bookingAccess.predicate(actor, 'cancel');
export const waitlistScope = (actor: Actor): SQL => waitlistAccess.predicate(actor, 'read');
export const waitlistActScope = (actor: Actor): SQL => waitlistAccess.predicate(actor, 'act');
export const instrumentDemandScope = (actor: Actor): SQL => instrumentDemandAccess.predicate(actor, 'read');
