import type { Actor } from '../../app/actor.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { statsScopeOf } from '../statistics/index.ts';
import type { ReportArchiveScope } from './analysis-report.repository.ts';

/**
 * SECURITY INVARIANT — which monthly analysis reports an actor may list, download and generate: district
 * readers (leader, commission) every report; a park its own zone's reports only (never the district's, which
 * carries every zone's figures); nobody else any. Decided from the statistics scope (stats.policy.ts), so the
 * report never shows a figure its reader could not see on the cockpit.
 */
export async function reportArchiveScopeOf(db: Db, actor: Actor): Promise<ReportArchiveScope> {
  const scope = await statsScopeOf(db, actor);
  if (scope.kind === 'district') return { kind: 'all' };
  if (scope.kind === 'zone') return { kind: 'zone', code: scope.code };
  throw errors.forbidden();
}

/** The zone a generation request may produce: a park's own zone whatever it asked; the district's readers any. */
export function zoneToGenerate(scope: ReportArchiveScope, requested: string | null | undefined): string | null {
  if (scope.kind === 'zone') {
    if (requested && requested !== scope.code) throw errors.forbidden();
    return scope.code;
  }
  return requested ?? null;
}
