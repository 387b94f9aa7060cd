import type { Database } from '../../db/client.ts';

/** The SQL of the marked-workbook store (import-reports.ts); rows of import_error_reports (migration 0031). */
export interface ImportReportRow {
  id: string;
  owner_user_id: string;
  entity: string;
  file_name: string | null;
  original: Uint8Array;
  rejected: unknown;
}

export async function insertImportReport(
  database: Pick<Database, 'query'>,
  row: { id: string; ownerUserId: string; entity: string; fileName: string | null; original: Buffer; rejected: unknown; ttlMs: number },
): Promise<void> {
  await database.query(
    `INSERT INTO import_error_reports (id, owner_user_id, entity, file_name, original, rejected, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, clock_timestamp(), clock_timestamp() + make_interval(secs => $7::double precision / 1000))`,
    [row.id, row.ownerUserId, row.entity, row.fileName, row.original, JSON.stringify(row.rejected), row.ttlMs],
  );
}

/** Removes the user's expired reports and all but the newest `keep` live ones (made before the one being stored). */
export async function trimImportReports(database: Pick<Database, 'query'>, ownerUserId: string, keep: number): Promise<void> {
  await database.query(
    `DELETE FROM import_error_reports WHERE owner_user_id = $1
       AND (expires_at <= clock_timestamp()
            OR id NOT IN (SELECT id FROM import_error_reports WHERE owner_user_id = $1 AND expires_at > clock_timestamp()
                          ORDER BY created_at DESC, id LIMIT $2))`,
    [ownerUserId, keep],
  );
}

/** A live (unexpired) report of this owner and import, or nothing. */
export async function selectLiveImportReport(database: Pick<Database, 'query'>, id: string, ownerUserId: string, entity: string): Promise<ImportReportRow | undefined> {
  const [row] = await database.query<ImportReportRow>(
    `SELECT id, owner_user_id, entity, file_name, original, rejected FROM import_error_reports
      WHERE id = $1 AND owner_user_id = $2 AND entity = $3 AND expires_at > clock_timestamp()`,
    [id, ownerUserId, entity],
  );
  return row;
}

/** Every expired report, for the housekeeping job; returns how many went. */
export async function deleteExpiredImportReports(database: Pick<Database, 'query'>): Promise<number> {
  return (await database.query(`DELETE FROM import_error_reports WHERE expires_at <= clock_timestamp() RETURNING id`)).length;
}
