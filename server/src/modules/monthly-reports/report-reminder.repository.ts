import type { Database } from '../../db/client.ts';

/**
 * Enterprises that owe the report of a month: live (not deleted, merged or closed), with at least one active
 * enterprise account to remind, and no report of the month that has left draft (a returned report counts as
 * owed again).
 */
export async function enterprisesOwingReport(database: Database, year: number, month: number): Promise<{ id: string; name: string }[]> {
  return database.query(
    `SELECT e.id, e.name FROM enterprises e
      WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.status = 'active'
        AND EXISTS (SELECT 1 FROM users u WHERE u.role = 'enterprise' AND u.status = 'active' AND u.scope_kind = 'enterprise' AND u.scope_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM monthly_reports r
                         WHERE r.enterprise_id = e.id AND r.year = $1 AND r.month = $2 AND r.status IN ('submitted', 'park-reviewed', 'approved'))
      ORDER BY e.id`,
    [year, month],
  );
}
