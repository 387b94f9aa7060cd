import { eq } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { zones } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides whose figures an actor's statistics cover:
 *  - leader, commission (and the console operator): the whole district;
 *  - park: the enterprises of its own zone, nothing else — every total, group and drill-down row it gets is
 *    computed over that population only, so no figure of another zone can be inferred;
 *  - anyone else: nothing (the enterprise role reads its own figures through monthly reports only).
 */
export type StatsScope = { kind: 'district' } | { kind: 'zone'; code: string } | { kind: 'none' };

export async function statsScopeOf(db: Db, actor: Actor): Promise<StatsScope> {
  switch (actor.role) {
    case 'leader':
    case 'commission':
      return { kind: 'district' };
    case 'park': {
      if (actor.scope?.kind !== 'zone') return { kind: 'none' };
      const [zone] = await db.select({ code: zones.code }).from(zones).where(eq(zones.id, actor.scope.id));
      return zone ? { kind: 'zone', code: zone.code } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}
