import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import type { DemoMonthlyReport } from '../../domain/demo/types.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { rowsOf } from './sql-rows.ts';
import { copyDemoReports } from './stats-bench-seed.ts';

/**
 * The bench's history by COPY (PostgreSQL only): every report stored once with its figures at four decimals,
 * texts with quotes, commas and line breaks intact, empty fields NULL, and one revision holding the same figures.
 */
let tdb: TestDatabase;
let db: Db;
const enterpriseIds = new Map<string, string>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => seedReferenceData(tx as unknown as Db));
  for (const key of ['a', 'b']) {
    const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO enterprises (uscc, name) VALUES (${key === 'a' ? '91310116MA1JAAAA0A' : '91310116MA1JBBBB0B'}, ${key}) RETURNING id`);
    enterpriseIds.set(key, row!.id);
  }
}, 120_000);
afterAll(async () => tdb?.cleanup());

const report = (enterpriseId: string, month: number, patch: Partial<DemoMonthlyReport> = {}): DemoMonthlyReport => ({
  enterpriseId,
  uscc: '',
  period: `2027-${String(month).padStart(2, '0')}`,
  year: 2027,
  month,
  status: 'approved',
  submittedOn: '2027-02-05',
  parkReviewedOn: null,
  approvedOn: '2027-02-08',
  isLate: false,
  explanation: null,
  returnReason: null,
  anomaly: null,
  ...(Object.fromEntries(INDICATOR_CODES.map((c, i) => [c, c === 'employees' ? 120.4 : 1000 + i + month / 3])) as Record<(typeof INDICATOR_CODES)[number], number>),
  ...patch,
});

describe('bench history by COPY', () => {
  it('stores each report and its revision with the same four-decimal figures, texts intact', async () => {
    const reports = [
      report('a', 1, { explanation: '产值下降，因"设备检修"\n第二行, 含逗号', profit: -12.34565 }),
      report('a', 2),
      report('b', 1, { returnReason: '', approvedOn: null }),
      report('unknown', 1),
    ];
    const stored = await copyDemoReports(tdb.url!, reports, enterpriseIds);
    expect(stored).toBe(3);
    const rows = await rowsOf<Record<string, string | null> & { enterprise_id: string; month: number }>(
      db,
      sql`SELECT r.enterprise_id, r.month, r.explanation, r.return_reason, r.approved_at::text AS approved_at, r.profit::text AS profit, r.revenue::text AS revenue,
                 r.employees::text AS employees, v.values->>'profit' AS revision_profit, v.values->>'revenue' AS revision_revenue, v.action, count(*) OVER (PARTITION BY r.id) AS revisions
            FROM monthly_reports r JOIN monthly_report_revisions v ON v.report_id = r.id ORDER BY r.enterprise_id = ${enterpriseIds.get('a')!} DESC, r.month`,
    );
    expect(rows).toHaveLength(3);
    const first = rows[0]!;
    expect(first.explanation).toBe('产值下降，因"设备检修"\n第二行, 含逗号');
    // −12.34565 at four decimals, the same in the report and its revision.
    expect(first.profit).toBe((-12.34565).toFixed(4));
    expect(Number(first.revision_profit)).toBe(Number(first.profit));
    expect(first.revenue).toBe((1000 + 3 + 1 / 3).toFixed(4));
    expect(Number(first.revision_revenue)).toBe(Number(first.revenue));
    expect(first.employees).toBe('120');
    expect(first.action).toBe('seed');
    expect(rows.every((r) => Number(r['revisions']) === 1)).toBe(true);
    const b = rows[2]!;
    expect(b.return_reason).toBe('');
    expect(b.approved_at).toBeNull();
    expect(b.explanation).toBeNull();
  });
});
