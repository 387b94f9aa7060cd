import { inArray } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { scopeOf } from '../../access/index.ts';
import type { Db } from '../../db/client.ts';
import { zones } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides whose figures an actor's statistics cover:
 *  - leader, commission (and the console operator): the whole district;
 *  - park: the enterprises of its own zone, nothing else — every total, group and drill-down row it gets is
 *    computed over that population only, so no figure of another zone can be inferred;
 *  - anyone else: nothing (the enterprise role reads its own figures through monthly reports only).
 * The statistics read precomputed roll-ups keyed by zone code, so the request's Scope is turned into a
 * population (not a row predicate): its zone ids become the zone's code.
 */
export type StatsScope = { kind: 'district' } | { kind: 'zone'; code: string } | { kind: 'none' };

export async function statsScopeOf(db: Db, actor: Actor): Promise<StatsScope> {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'district':
      return { kind: 'district' };
    case 'zone': {
      // One zone per park account today; a park scope over several zones would need a population of several.
      if (scope.ids.length !== 1) return { kind: 'none' };
      const [zone] = await db.select({ code: zones.code }).from(zones).where(inArray(zones.id, [...scope.ids]));
      return zone ? { kind: 'zone', code: zone.code } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}
