import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';

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
function readable(scope: Scope): SQL {
  const alive = sql`e.deleted_at IS NULL`;
  switch (scope.kind) {
    case 'district':
      return alive;
    case 'zone':
      return sql`${alive} AND ${inIds(sql`e.zone_id`, scope.ids)}`;
    case 'enterprise':
      return sql`${alive} AND ${inIds(sql`r.enterprise_id`, scope.ids)}`;
    default:
      return sql`false`;
  }
}

export type ReportAction = 'edit' | 'submit' | 'review' | 'approve';

/**
 * Which reports an actor may move with a workflow action, never wider than the read rule: the enterprise edits
 * and submits its own drafts and returned reports, the park reviews its zone's submitted ones, the commission
 * approves (or returns) what the park passed and may return a submitted one.
 */
const editable = (scope: Scope): SQL => (scope.kind === 'enterprise' ? sql`${readable(scope)} AND r.status IN ('draft', 'returned')` : sql`false`);

export const reportAccess = registerAccess({
  entity: 'monthly-report',
  ids: { from: sql`monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id`, id: sql`r.id` },
  rules: {
    read: readable,
    export: readable,
    edit: editable,
    submit: editable,
    review: (scope) => (scope.kind === 'zone' ? sql`${readable(scope)} AND r.status = 'submitted'` : sql`false`),
    approve: (scope) => (managesDistrict(scope) ? sql`${readable(scope)} AND r.status IN ('submitted', 'park-reviewed')` : sql`false`),
  },
});

export function reportScope(actor: Actor): SQL {
  return reportAccess.predicate(actor, 'read');
}

export function reportActionScope(actor: Actor, action: ReportAction): SQL {
  return reportAccess.predicate(actor, action);
}

