import crypto from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { RejectedCell } from './import.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { deleteExpiredImportReports, insertImportReport, selectLiveImportReport, trimImportReports } from './import-report.repository.ts';

/**
 * Error reports of recent imports, kept for 30 minutes so that the uploader can download the marked
 * workbook. Only the user who ran the import can fetch it (anyone else gets 404). Kept in the database, not in
 * the process (docs/decisions/0033-stateless-app-servers.md): behind a load balancer the download may reach
 * another server process than the import did. The uploaded file is stored nowhere else, and expiry ends the
 * offer. `entity` names the import (a registry, or monthly-reports), whose routes alone serve its reports and
 * know the problems' shape.
 */
export const IMPORT_REPORT_TTL_MS = 30 * 60_000;
const MAX_PER_USER = 5;

export interface StoredReport<Problem = RejectedCell> {
  id: string;
  ownerUserId: string;
  entity: string;
  fileName: string | null;
  original: Buffer;
  rejected: readonly Problem[];
}

export async function storeImportReport<Problem = RejectedCell>(
  database: Pick<Database, 'query'>,
  ownerUserId: string,
  entity: string,
  fileName: string | null,
  original: Buffer,
  rejected: readonly Problem[],
): Promise<string> {
  // The user's oldest reports make room first: at most MAX_PER_USER live ones, this one included.
  await trimImportReports(database, ownerUserId, MAX_PER_USER - 1);
  const id = crypto.randomUUID();
  await insertImportReport(database, { id, ownerUserId, entity, fileName, original, rejected, ttlMs: IMPORT_REPORT_TTL_MS });
  return id;
}

export async function findImportReport<Problem = RejectedCell>(
  database: Pick<Database, 'query'>,
  id: string,
  ownerUserId: string,
  entity: string,
): Promise<StoredReport<Problem> | undefined> {
  // A malformed id can match nothing (and would make PostgreSQL refuse the uuid cast).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const row = await selectLiveImportReport(database, id, ownerUserId, entity);
  if (!row) return undefined;
  const rejected = typeof row.rejected === 'string' ? JSON.parse(row.rejected) : row.rejected;
  return { id: row.id, ownerUserId: row.owner_user_id, entity: row.entity, fileName: row.file_name, original: Buffer.from(row.original), rejected: rejected as Problem[] };
}

/** Deletes the marked workbooks whose 30 minutes are over (a lookup never serves them; this frees the space). */
export const importReportPruneJob: JobDefinition = {
  name: 'import-report-prune',
  titleZh: '清理过期的导入错误报告',
  titleEn: 'Remove expired import error reports',
  schedule: '*/15 * * * *',
  async run({ database }) {
    return { reportsDeleted: await deleteExpiredImportReports(database) };
  },
};
