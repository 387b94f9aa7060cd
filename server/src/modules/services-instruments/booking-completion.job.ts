import type { JobDefinition } from '../jobs/index.ts';
import { completeEndedBookings } from './instrument.repository.ts';

/** Hourly: approved bookings whose time has passed count as used (completed) for utilisation and statements. */
export const bookingCompletionJob: JobDefinition = {
  name: 'instrument-booking-completion',
  titleZh: '仪器预约到期自动完成',
  titleEn: 'Mark ended instrument bookings as completed',
  schedule: '5 * * * *',
  async run({ database, now }) {
    return { completed: await completeEndedBookings(database.db, now()) };
  },
};
