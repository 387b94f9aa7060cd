/** Shared instruments and booking (issue 14 §1). Other features use these entry points only. */
import type { Db } from '../../db/client.ts';
import { unsafeDistrictPlatformGaps } from './platform-gap.service.ts';

export { registerInstrumentRoutes } from './instrument.routes.ts';
export { registerInstrumentOperationsRoutes } from './instrument-operations.routes.ts';
export { bookingCompletionJob } from './booking-completion.job.ts';
export { waitlistOfferJob } from './waitlist-offer.job.ts';
export { bookingScope, instrumentScope } from './instrument.policy.ts';
export { listBookings } from './instrument.repository.ts';

/**
 * The chain-map hook (issue 14 §1): platform-gap items of the last year — refused or wait-listed demand for an
 * offered instrument (`capacity`) and requested instrument types the district lacks (`missing`) — each with
 * the chain nodes of the enterprises behind it. District-wide and unscoped by design: counts, labels and node
 * ids only, no enterprise's name.
 */
export function listPlatformGapItems(db: Db, now: Date) {
  return unsafeDistrictPlatformGaps(db, now);
}
