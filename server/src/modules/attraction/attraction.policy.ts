import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { AppError } from '../../app/errors.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { attractionTargets, candidateCompanies } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — who sees and changes the attraction pipeline (docs/decisions/0025-attraction-pipeline.md):
 *  - candidates (outside companies, no local figures) are a shared pool for the attraction owners: the district
 *    (leader reads, commission manages), departments and parks read them and add or correct entries; only the
 *    commission imports them in bulk;
 *  - targets: the district reads all, the commission owns all; a park reads the targets heading for its zone and
 *    those it owns, and changes those it owns; a department reads and changes the targets it owns;
 *  - enterprises, experts, platform operators and the three administrators see nothing of either.
 */
function candidateReadable(scope: Scope): SQL {
  const live = sql`${candidateCompanies.deletedAt} IS NULL`;
  return scope.kind === 'district' || scope.kind === 'zone' || scope.kind === 'department' ? live : sql`false`;
}
/** Who adds to and corrects the pool: the commission, and parks and departments holding their scope. */
export function writesCandidatePool(scope: Scope): boolean {
  // A scoped account without its scope (empty ids) writes nothing.
  return managesDistrict(scope) || ((scope.kind === 'zone' || scope.kind === 'department') && scope.ids.length > 0);
}
function candidateWritable(scope: Scope): SQL {
  return writesCandidatePool(scope) ? candidateReadable(scope) : sql`false`;
}

export const candidateAccess = registerAccess({
  entity: 'candidate',
  ids: { table: candidateCompanies, id: candidateCompanies.id },
  rules: {
    read: candidateReadable,
    export: candidateReadable,
    write: candidateWritable,
    import: (scope) => (managesDistrict(scope) ? candidateReadable(scope) : sql`false`),
  },
});

function targetReadable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
      return sql`true`;
    case 'zone':
      return scope.ids.length === 0 ? sql`false` : sql`(${inIds(attractionTargets.zoneId, scope.ids)} OR ${inIds(attractionTargets.ownerZoneId, scope.ids)})`;
    case 'department':
      return inIds(attractionTargets.ownerDepartmentId, scope.ids);
    default:
      return sql`false`;
  }
}
function targetWritable(scope: Scope): SQL {
  if (managesDistrict(scope)) return sql`true`;
  if (scope.kind === 'zone') return inIds(attractionTargets.ownerZoneId, scope.ids);
  if (scope.kind === 'department') return inIds(attractionTargets.ownerDepartmentId, scope.ids);
  return sql`false`;
}

export const targetAccess = registerAccess({
  entity: 'attraction-target',
  ids: { table: attractionTargets, id: attractionTargets.id },
  rules: { read: targetReadable, write: targetWritable },
});

export const candidateScope = (actor: Actor): SQL => candidateAccess.predicate(actor, 'read');
export const targetScope = (actor: Actor): SQL => targetAccess.predicate(actor, 'read');
export const targetWriteScope = (actor: Actor): SQL => targetAccess.predicate(actor, 'write');

export interface OwnerIds {
  kind: 'commission' | 'zone' | 'department';
  zoneId: string | null;
  departmentId: string | null;
}

/** The commission assigns a target to any owner; a park or a department only to itself. */
export function canAssignOwner(actor: Actor, owner: OwnerIds): boolean {
  const scope = scopeOf(actor);
  if (managesDistrict(scope)) return true;
  if (scope.kind === 'zone') return owner.kind === 'zone' && owner.zoneId !== null && scope.ids.includes(owner.zoneId);
  if (scope.kind === 'department') return owner.kind === 'department' && owner.departmentId !== null && scope.ids.includes(owner.departmentId);
  return false;
}

export const ownerNotYours = () => new AppError(403, 'ATTRACTION_OWNER_NOT_YOURS', '只能把招商目标分派给本单位（区经委可分派给任何单位）', 'You can only assign targets to your own unit (the commission assigns to any)');
export const targetClosed = () => new AppError(409, 'ATTRACTION_TARGET_CLOSED', '该招商目标已转化或放弃，不能再修改', 'This target was converted or dropped and can no longer change');
export const targetExists = () => new AppError(409, 'ATTRACTION_TARGET_EXISTS', '该企业在此节点上已有进行中的招商目标', 'This company already is an open target on this node');
