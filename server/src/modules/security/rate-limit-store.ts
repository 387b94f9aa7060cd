import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../../db/client.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { countHit, deleteEndedWindows, readHits } from './rate-limit.repository.ts';

/**
 * A store for @fastify/rate-limit that counts in the database, so that several server processes behind a
 * load balancer enforce one limit together (docs/decisions/0033-stateless-app-servers.md). Used on PostgreSQL
 * only: the embedded engine admits one process per data folder, its in-memory count is already exact, and a
 * write per request there would wait behind an import's long transaction on the single connection.
 *
 * The plugin builds one store for the global limit and a child per route that sets its own limit; a child's
 * keys carry the route so that, as with the plugin's own stores, each route counts apart.
 */
type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin passes to a child store at run time (its typings name the route's options instead). */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

export function databaseRateLimitStore(database: Pick<Database, 'query'>): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore {
    private readonly prefix: string;
    constructor(options?: object) {
      const route = (options as RouteParams | undefined)?.routeInfo;
      this.prefix = route?.url ? `${[route.method].flat().join(',')} ${route.url}|` : 'global|';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(database, this.prefix + key, timeWindow).then(
        (r) => callback(null, { current: r.hits, ttl: r.ttlMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      readHits(database, this.prefix + key).then(
        (r) => callback(null, { current: r.hits, ttl: r.ttlMs }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}

/** Removes the counters whose window ended (a window lasts a minute; the rows would otherwise stay). */
export const rateLimitPruneJob: JobDefinition = {
  name: 'rate-limit-prune',
  titleZh: '清理已结束的限流计数',
  titleEn: 'Remove ended rate-limit windows',
  schedule: '*/15 * * * *',
  async run({ database }) {
    return { countersDeleted: await deleteEndedWindows(database) };
  },
};
