import type { JobDefinition } from '../jobs/index.ts';
import { expireOffers } from './waitlist.service.ts';

/** Every five minutes: lapsed waitlist offers free their slot for the next in line; unserved entries whose slot began expire. */
export const waitlistOfferJob: JobDefinition = {
  name: 'instrument-waitlist-offers',
  titleZh: '仪器候补保留到期处理',
  titleEn: 'Expire instrument waitlist offers and offer the next in line',
  schedule: '*/5 * * * *',
  async run({ database, config, now }) {
    return expireOffers({ database, config, clock: now }, now());
  },
};
