import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { enterprises } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which enterprises an actor may see. Every query on
 * enterprises goes through it; a lookup that does not is named `unsafe…` and says why.
 *
 * - leader, commission: every enterprise;
 * - department: every enterprise's registry entry (departments attract investment and serve enterprises
 *   district-wide); their confidential figures are scoped separately by the statistics module;
 * - park: the enterprises of its own zone;
 * - enterprise: itself;
 * - anyone else (expert, administrators, an account without a role): nothing.
 */
export function enterpriseScope(actor: Actor): SQL {
  const notDeleted = sql`${enterprises.deletedAt} IS NULL`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
    case 'department':
      return notDeleted;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`${notDeleted} AND ${eq(enterprises.zoneId, actor.scope.id)}` : sql`false`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${notDeleted} AND ${eq(enterprises.id, actor.scope.id)}` : sql`false`;
    default:
      return sql`false`;
  }
}
