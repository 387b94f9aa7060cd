import type { Actor } from '../../app/actor.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { statsScopeOf } from '../statistics/index.ts';
import { zoneCodeOf, zoneIdOf } from './chain-map.repository.ts';

/**
 * SECURITY INVARIANT — what the chain map shows a caller:
 *  - nodes and weights are reference data for every chain-map reader (leader, commission, department, park);
 *  - what is mapped onto a node (enterprises, projects) is counted and listed through enterpriseScope and
 *    projectScope only, so a count never exceeds what the caller may open;
 *  - figures (output, its share, growth — and the strength components derived from them) only for callers
 *    whose statistics scope is not empty (stats.policy.ts): a department's strength is computed without them,
 *    so no enterprise's output can be inferred from a score;
 *  - a park always sees its own zone's part of the chain: another zone's filter is refused, no filter means its
 *    zone;
 *  - the enterprise role and experts get nothing until the commission publishes a public map (not built yet).
 */
const CHAIN_MAP_READERS = ['leader', 'commission', 'department', 'park'] as const;

export function canReadChainMap(actor: Actor): boolean {
  return (CHAIN_MAP_READERS as readonly (string | null)[]).includes(actor.role);
}

export function canSetImportance(actor: Actor): boolean {
  return actor.role === 'commission';
}

export const outOfZone = () => new AppError(403, 'OUT_OF_SCOPE', '只能查看本园区的产业链部分', 'You can only see your own zone’s part of the chain');

export interface MapScope {
  zoneId: string | null;
  zoneCode: string | null;
  figuresVisible: boolean;
}

/** The zone filter the caller gets (its own for a park) and whether figures may be shown. */
export async function mapScopeOf(db: Db, actor: Actor, zoneCode: string | undefined): Promise<MapScope> {
  const stats = await statsScopeOf(db, actor);
  if (actor.role === 'park') {
    const own = actor.scope?.kind === 'zone' ? await zoneCodeOf(db, actor.scope.id) : null;
    if (!own || (zoneCode !== undefined && zoneCode !== own)) throw outOfZone();
    return { zoneId: actor.scope!.id, zoneCode: own, figuresVisible: stats.kind === 'zone' && stats.code === own };
  }
  const figuresVisible = stats.kind === 'district';
  if (zoneCode === undefined) return { zoneId: null, zoneCode: null, figuresVisible };
  const zoneId = await zoneIdOf(db, zoneCode);
  if (!zoneId) throw new AppError(400, 'VALIDATION_FAILED', `未知园区 ${zoneCode}`, `Unknown zone ${zoneCode}`);
  return { zoneId, zoneCode, figuresVisible };
}
