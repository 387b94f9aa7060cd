/** Shared instruments and booking (issue 14 §1). Other features use these entry points only. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import type { Db } from '../../db/client.ts';
import { registerInstrumentRoutes } from './instrument.routes.ts';
import { registerInstrumentOperationsRoutes } from './instrument-operations.routes.ts';
import { bookingCompletionJob } from './booking-completion.job.ts';
import { waitlistOfferJob } from './waitlist-offer.job.ts';
import { unsafeDistrictPlatformGaps } from './platform-gap.service.ts';

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

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesInstrumentsFeature = defineFeature({
  name: 'services-instruments',
  routes: (app, deps) => {
    registerInstrumentRoutes(app, deps);
    registerInstrumentOperationsRoutes(app, deps);
  },
  permissions: permissionsNamed('instrument', 'booking', 'instrument-demand', 'platform-gap'),
  jobs: [bookingCompletionJob, waitlistOfferJob],
  auditActions: auditActionsNamed('booking', 'bookings', 'instrument', 'instrument-demand', 'statements', 'platform-gaps'),
});
