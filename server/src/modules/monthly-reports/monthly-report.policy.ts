import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';

/**
 * SECURITY INVARIANT — the one place that decides which monthly reports an actor may see or act on. Every
 * query on monthly_reports joins enterprises as `e` and goes through one of these; an enterprise never reaches
 * another enterprise's report through any endpoint, export or error message (out of scope answers 404).
 *
 * - leader, commission: every report (of enterprises not deleted);
 * - park: the reports of its own zone's enterprises;
 * - enterprise: its own reports;
 * - anyone else: none.
 */
export function reportScope(actor: Actor): SQL {
  const alive = sql`e.deleted_at IS NULL`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
      return alive;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`${alive} AND e.zone_id = ${actor.scope.id}` : sql`false`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${alive} AND r.enterprise_id = ${actor.scope.id}` : sql`false`;
    default:
      return sql`false`;
  }
}

export type ReportAction = 'edit' | 'submit' | 'review' | 'approve';

/**
 * Which reports an actor may move with a workflow action, never wider than `reportScope`: the enterprise edits
 * and submits its own drafts and returned reports, the park reviews its zone's submitted ones, the commission
 * approves (or returns) what the park passed and may return a submitted one.
 */
export function reportActionScope(actor: Actor, action: ReportAction): SQL {
  const base = reportScope(actor);
  switch (action) {
    case 'edit':
    case 'submit':
      return actor.role === 'enterprise' ? sql`${base} AND r.status IN ('draft', 'returned')` : sql`false`;
    case 'review':
      return actor.role === 'park' ? sql`${base} AND r.status = 'submitted'` : sql`false`;
    case 'approve':
      return actor.role === 'commission' ? sql`${base} AND r.status IN ('submitted', 'park-reviewed')` : sql`false`;
  }
}
