/** Shared instruments and booking (issue 14 §1). Other features use these entry points only. */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import { registerInstrumentRoutes } from './instrument.routes.ts';
import { bookingCompletionJob } from './booking-completion.job.ts';

export { bookingScope, instrumentScope } from './instrument.policy.ts';
export { listBookings } from './instrument.repository.ts';

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesInstrumentsFeature = defineFeature({
  name: 'services-instruments',
  routes: registerInstrumentRoutes,
  permissions: permissionsNamed('instrument', 'booking'),
  jobs: [bookingCompletionJob],
  auditActions: auditActionsNamed('booking', 'bookings'),
});
