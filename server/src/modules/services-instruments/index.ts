/** Shared instruments and booking (issue 14 §1). Other features use these entry points only. */
export { registerInstrumentRoutes } from './instrument.routes.ts';
export { bookingCompletionJob } from './booking-completion.job.ts';
export { bookingScope, instrumentScope } from './instrument.policy.ts';
export { listBookings } from './instrument.repository.ts';
