import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../statistics/index.ts';

/** The report archive (migration 0019): one row per period and scope (district or zone), latest version. */
export interface ArchivedReportRow {
  id: string;
  period: string;
  zoneCode: string | null;
  fileName: string;
  size: number;
  source: 'manual' | 'job';
  generatedBy: string | null;
  generatedAt: string;
  version: number;
}

/** Rows a reader may see: null = every row (district readers), a zone code = that zone's reports only. */
export type ReportArchiveScope = { kind: 'all' } | { kind: 'zone'; code: string };

const scopeFilter = (scope: ReportArchiveScope): SQL => (scope.kind === 'all' ? sql`true` : sql`r.zone_code = ${scope.code}`);

const columns = sql`r.id::text AS id, r.period, r.zone_code AS "zoneCode", r.file_name AS "fileName", r.size, r.source,
  r.generated_by::text AS "generatedBy", r.generated_at::text AS "generatedAt", r.version`;

export async function listArchivedReports(db: Db, scope: ReportArchiveScope): Promise<ArchivedReportRow[]> {
  return rowsOf<ArchivedReportRow>(db, sql`SELECT ${columns} FROM analysis_reports r WHERE ${scopeFilter(scope)} ORDER BY r.period DESC, r.zone_code NULLS FIRST`);
}

export async function findArchivedReport(db: Db, scope: ReportArchiveScope, id: string): Promise<ArchivedReportRow | null> {
  const [row] = await rowsOf<ArchivedReportRow>(db, sql`SELECT ${columns} FROM analysis_reports r WHERE r.id::text = ${id} AND ${scopeFilter(scope)}`);
  return row ?? null;
}

export async function readArchivedContent(db: Db, scope: ReportArchiveScope, id: string): Promise<{ row: ArchivedReportRow; content: Buffer } | null> {
  const row = await findArchivedReport(db, scope, id);
  if (!row) return null;
  const [blob] = await rowsOf<{ content: string }>(db, sql`SELECT encode(content, 'base64') AS content FROM analysis_reports WHERE id::text = ${id}`);
  return blob ? { row, content: Buffer.from(blob.content, 'base64') } : null;
}

/** Inserts or replaces the report of (period, zone); returns the stored row. */
export async function storeArchivedReport(
  db: Db,
  args: { period: string; zoneCode: string | null; fileName: string; content: Buffer; source: 'manual' | 'job'; generatedBy: string | null; now: Date },
): Promise<ArchivedReportRow> {
  const sha256 = crypto.createHash('sha256').update(args.content).digest('hex');
  const base64 = args.content.toString('base64');
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO analysis_reports (period, zone_code, file_name, content, size, sha256, source, generated_by, generated_at)
        VALUES (${args.period}, ${args.zoneCode}, ${args.fileName}, decode(${base64}, 'base64'), ${args.content.length}, ${sha256}, ${args.source}, ${args.generatedBy}, ${args.now.toISOString()})
        ON CONFLICT (period, coalesce(zone_code, '')) DO UPDATE
          SET file_name = EXCLUDED.file_name, content = EXCLUDED.content, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
              source = EXCLUDED.source, generated_by = EXCLUDED.generated_by, generated_at = EXCLUDED.generated_at,
              version = analysis_reports.version + 1
        RETURNING id::text AS id`,
  );
  return (await findArchivedReport(db, { kind: 'all' }, row!.id))!;
}
