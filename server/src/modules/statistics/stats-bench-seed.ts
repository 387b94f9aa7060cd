import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { DemoMonthlyReport } from '../../domain/demo/types.ts';
import { at, deadlineOf } from '../../seed/seed-demo-statistics.ts';

/**
 * The benchmark's history on PostgreSQL by COPY (issue 16 §3: 12 million monthly rows for 100 000
 * enterprises). Each chunk of reports is written as CSV and copied into `monthly_reports` with ids made here, so
 * that its revisions (one 'seed' revision per report, as `seed --demo` writes) can be copied right after it;
 * the next chunk's CSV is built while the server copies the last one. Figures are written with four decimals,
 * as NUMERIC(18,4) stores them, so a report and its revision hold the same values.
 */

const CHUNK = 50_000;
const REPORT_COLUMNS = ['id', 'enterprise_id', 'year', 'month', 'status', 'source', ...INDICATOR_CODES, 'explanation', 'return_reason', 'deadline', 'submitted_at', 'reviewed_at', 'approved_at', 'is_demo', 'created_at', 'updated_at'];
const REVISION_COLUMNS = ['report_id', 'version', 'action', 'status', 'values', 'explanation', 'return_reason', 'actor_username', 'at'];

/** A CSV field: NULL is an empty unquoted field, every text is quoted. */
const text = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
/**
 * Report ids in increasing order (a UUID version 7 layout: the seeding's start in milliseconds, then a counter),
 * so that the primary key and the revisions' (report, version) key grow at their right edge; random ids made
 * every insert touch a random page of indexes of millions of entries.
 */
function orderedIds(): () => string {
  const start = Date.now().toString(16).padStart(12, '0');
  let next = 0;
  return () => `${start.slice(0, 8)}-${start.slice(8, 12)}-7000-8000-${(next++).toString(16).padStart(12, '0')}`;
}

function csvOf(rows: readonly DemoMonthlyReport[], enterpriseIds: ReadonlyMap<string, string>, newId: () => string): { reports: string; revisions: string; count: number } {
  const reports: string[] = [];
  const revisions: string[] = [];
  const seededAt = new Date().toISOString();
  for (const r of rows) {
    const enterpriseId = enterpriseIds.get(r.enterpriseId);
    if (!enterpriseId) continue;
    const id = newId();
    const values: Record<string, number> = {};
    const figures = INDICATOR_CODES.map((c) => {
      const v = c === 'employees' ? Math.round(r[c]).toString() : r[c].toFixed(4);
      values[c] = Number(v);
      return v;
    });
    const created = at(r.submittedOn) ?? seededAt;
    const updated = at(r.approvedOn) ?? at(r.parkReviewedOn) ?? at(r.submittedOn) ?? seededAt;
    reports.push(
      [id, enterpriseId, r.year, r.month, r.status, 'enterprise', ...figures, text(r.explanation), text(r.returnReason), deadlineOf(r.year, r.month), at(r.submittedOn) ?? '', at(r.parkReviewedOn) ?? '', at(r.approvedOn) ?? '', 't', created, updated].join(','),
    );
    revisions.push([id, 1, 'seed', r.status, text(JSON.stringify(values)), text(r.explanation), text(r.returnReason), 'system', updated].join(','));
  }
  return { reports: reports.join('\n') + '\n', revisions: revisions.join('\n') + '\n', count: reports.length };
}

async function copy(client: pg.ClientBase, statement: string, csv: string): Promise<void> {
  const stream = client.query(copyFrom(statement)) as unknown as Writable;
  await pipeline(Readable.from([csv]), stream);
}

/**
 * Copies the reports (in chunks, in one transaction of its own connection) and returns how many were stored.
 * The caller's database must not hold locks on these tables meanwhile.
 */
export async function copyDemoReports(databaseUrl: string, reports: Iterable<DemoMonthlyReport>, enterpriseIds: ReadonlyMap<string, string>): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let stored = 0;
  try {
    await client.query('BEGIN');
    const newId = orderedIds();
    let pending: Promise<void> = Promise.resolve();
    let chunk: DemoMonthlyReport[] = [];
    const flush = async () => {
      const csv = csvOf(chunk, enterpriseIds, newId);
      chunk = [];
      await pending;
      stored += csv.count;
      pending = (async () => {
        await copy(client, `COPY monthly_reports (${REPORT_COLUMNS.join(', ')}) FROM STDIN (FORMAT csv)`, csv.reports);
        await copy(client, `COPY monthly_report_revisions (${REVISION_COLUMNS.join(', ')}) FROM STDIN (FORMAT csv)`, csv.revisions);
      })();
      // A failed copy surfaces at the next await; never leave it unobserved meanwhile.
      pending.catch(() => {});
    };
    for (const r of reports) {
      chunk.push(r);
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length) await flush();
    await pending;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return stored;
}
