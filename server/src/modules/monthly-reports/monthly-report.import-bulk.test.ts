import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixtureReports, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { buildUscc } from '../../domain/uscc/uscc.ts';
import { importMonthlyReports } from './monthly-report.import.ts';

// The file-wide write of the bureau import where it could differ from one report at a time: inserts, updates,
// unchanged rows and conflicts in one file, the same enterprise-month twice, revisions and versions, the
// rollups (compared with a rebuild from scratch), and the history the checks use for a mid-year file.

let t: TestApp;
const db = () => t.deps.database.db;
const HEADER = ['统一社会信用代码', '期间', '计量单位', '工业总产值', '工业销售产值', '出口交货值', '营业收入', '利润总额', '税收', '研发费用', '综合能源消费量', '从业人员期末人数'];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const steady = (output: number): Record<IndicatorCode, string> =>
  Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'output' ? `${output}.0000` : c === 'sales' ? `${output * 0.9}.0000` : c === 'employees' ? '50' : '10.0000'])) as Record<IndicatorCode, string>;

/** A flat row in 万元 with the same shape as `steady`. */
const flatRow = (uscc: string, period: string, output: number) => [uscc, period, '万元', output, output * 0.9, 10, 10, 10, 10, 10, 10, 50];

async function flatFile(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('月报');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const run = (buffer: Buffer, onConflict: 'keep' | 'replace' = 'keep', mode: 'valid-only' | 'all-or-nothing' = 'valid-only') =>
  importMonthlyReports(t.deps, consoleOperatorCaller(), buffer, { mode, onConflict, fileName: 'bulk.xlsx' });

async function reportOf(enterpriseId: string, year: number, month: number) {
  const [row] = await rowsOf<{ id: string; status: string; version: number; output: string }>(
    db(),
    sql`SELECT id, status, version, output::text AS output FROM monthly_reports WHERE enterprise_id = ${enterpriseId} AND year = ${year} AND month = ${month}`,
  );
  return row;
}

async function revisionsOf(reportId: string) {
  return rowsOf<{ version: number; action: string; status: string; values: Record<string, number | null> }>(
    db(),
    sql`SELECT version, action, status, values FROM monthly_report_revisions WHERE report_id = ${reportId} ORDER BY version`,
  );
}

/** Every rollup row, as text, in a fixed order: what an incremental update must leave behind. */
async function rollupSnapshot(): Promise<string> {
  const ytd = await rowsOf(db(), sql`SELECT * FROM stat_enterprise_ytd ORDER BY enterprise_id, year, month`);
  const cells = await rowsOf(db(), sql`SELECT * FROM stat_group_cells WHERE n_present <> 0 OR n_c <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0 ORDER BY dim, key, indicator, year, month`);
  return JSON.stringify({ ytd, cells });
}

describe('monthly import, written for the whole file at once', () => {
  it('mixes inserts, unchanged rows, conflicts and stored drafts; repeats are refused; revisions and rollups as one at a time', async () => {
    const a = await createEnterprise(t, '月报批量甲生物有限公司', 'medicine-port');
    const b = await createEnterprise(t, '月报批量乙生物有限公司', 'materials-bay');
    const stored: FixtureReport[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ enterpriseId: a.id, year: 2022, month: i + 1, status: 'approved' as const, values: steady(1000) })),
      ...Array.from({ length: 12 }, (_, i) => ({ enterpriseId: b.id, year: 2022, month: i + 1, status: 'approved' as const, values: steady(500) })),
      { enterpriseId: a.id, year: 2023, month: 1, status: 'approved', values: steady(1000) },
      { enterpriseId: a.id, year: 2023, month: 2, status: 'approved', values: steady(1000) },
      { enterpriseId: b.id, year: 2023, month: 1, status: 'submitted', values: steady(500) },
    ];
    await insertFixtureReports(db(), stored);
    await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));

    const rows = [
      flatRow(a.uscc, '2023-01', 1000), // row 2: same as the approved report → unchanged
      flatRow(a.uscc, '2023-02', 1100), // row 3: differs from the approved report → conflict
      flatRow(a.uscc, '2023-03', 1000), // row 4: new
      flatRow(b.uscc, '2023-01', 500), //  row 5: same values as a stored, not yet approved report → approved by the import
      flatRow(b.uscc, '2023-02', 500), //  row 6: new
      flatRow(a.uscc, '2023-03', 1000), // row 7: the same enterprise-month again → refused
      flatRow('91310116MA1JXXXXXX', '2023-03', 10), // row 8: not registered
    ];
    const kept = await run(await flatFile(rows));
    expect(kept).toMatchObject({ imported: 2, updated: 1, unchanged: 1, committed: true });
    expect(kept.rejected.map((r) => r.row).sort()).toEqual([7, 8]);
    expect(kept.rejected.find((r) => r.row === 7)!.message).toContain('2023-03');
    expect(kept.conflicts).toEqual([{ uscc: a.uscc, enterpriseName: '月报批量甲生物有限公司', period: '2023-02', indicator: 'output', stored: 1000, incoming: 1100, storedStatus: 'approved' }, expect.objectContaining({ indicator: 'sales' })]);
    expect(kept.conflicts).toHaveLength(2);
    // Kept: the approved February stays as it was, with no new revision.
    expect(await reportOf(a.id, 2023, 2)).toMatchObject({ output: '1000.0000', version: 1 });
    const march = (await reportOf(a.id, 2023, 3))!;
    expect(march).toMatchObject({ status: 'approved', version: 1, output: '1000.0000' });
    expect(await revisionsOf(march.id)).toEqual([{ version: 1, action: 'import', status: 'approved', values: expect.objectContaining({ output: 1000, sales: 900, employees: 50 }) }]);
    const bJan = (await reportOf(b.id, 2023, 1))!;
    expect(bJan).toMatchObject({ status: 'approved', version: 2 });
    expect((await revisionsOf(bJan.id)).map((r) => [r.version, r.action, r.status])).toEqual([[2, 'import', 'approved']]);

    // The incrementally maintained rollups equal a rebuild from the stored reports.
    const incremental = await rollupSnapshot();
    await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(await rollupSnapshot()).toEqual(incremental);

    // Replace: the conflicting month is written, one version up, with its revision.
    const replaced = await run(await flatFile([flatRow(a.uscc, '2023-02', 1100)]), 'replace');
    expect(replaced).toMatchObject({ imported: 0, updated: 1, committed: true });
    const feb = (await reportOf(a.id, 2023, 2))!;
    expect(feb).toMatchObject({ output: '1100.0000', version: 2 });
    expect((await revisionsOf(feb.id)).map((r) => [r.version, r.action, r.values.output])).toEqual([[2, 'import', 1100]]);
    const afterReplace = await rollupSnapshot();
    await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(await rollupSnapshot()).toEqual(afterReplace);
  });

  it('all-or-nothing writes nothing when one row of many is refused', async () => {
    const c = await createEnterprise(t, '月报批量丙生物有限公司', 'medicine-port');
    const rows = Array.from({ length: 12 }, (_, i) => flatRow(c.uscc, `2024-${String(i + 1).padStart(2, '0')}`, 300));
    rows.push(flatRow(c.uscc, '2024-05', 300));
    const result = await run(await flatFile(rows), 'keep', 'all-or-nothing');
    expect(result).toMatchObject({ imported: 0, committed: false });
    expect(result.rejected.map((r) => r.row)).toEqual([14]);
    const [count] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM monthly_reports WHERE enterprise_id = ${c.id}`);
    expect(Number(count!.n)).toBe(0);
  });

  it('checks a mid-year file against the whole of last year’s year-to-date, not only the months the file spans', async () => {
    const d = await createEnterprise(t, '月报批量丁生物有限公司', 'medicine-port');
    // Steady: 800 万元 every month of 2022 and January–May 2023; June 2023 the same is no swing at all.
    await insertFixtureReports(db(), [
      ...Array.from({ length: 12 }, (_, i) => ({ enterpriseId: d.id, year: 2022, month: i + 1, status: 'approved' as const, values: steady(800) })),
      ...Array.from({ length: 5 }, (_, i) => ({ enterpriseId: d.id, year: 2023, month: i + 1, status: 'approved' as const, values: steady(800) })),
    ]);
    await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    const steadyJune = await run(await flatFile([flatRow(d.uscc, '2023-06', 800)]));
    expect(steadyJune).toMatchObject({ imported: 1, rejected: [], warnings: [] });
    // A real swing in the same position is still flagged (the check is not simply off).
    const swing = await run(await flatFile([flatRow(d.uscc, '2023-07', 8000)]));
    expect(swing.warnings.length).toBeGreaterThan(0);
  });

  it('analyses the tables a large file grew, so that the next approval plans with the new month in view', async () => {
    const codes = Array.from({ length: 210 }, (_, i) => buildUscc('91', '310116', `ANL${String(i).padStart(6, '0')}`));
    await db().execute(sql`INSERT INTO enterprises (uscc, name, stage, is_above_scale, is_manufacturing, tags)
      SELECT x.uscc, '统计信息测试' || x.n, 'industrialized', true, true, ARRAY[]::text[] FROM jsonb_to_recordset(${JSON.stringify(codes.map((uscc, n) => ({ uscc, n })))}::jsonb) AS x(uscc text, n int)`);
    const tuples = async () => Number((await rowsOf<{ n: number }>(db(), sql`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'monthly_reports'`))[0]!.n);
    await db().execute(sql`ANALYZE monthly_reports`);
    const before = await tuples();
    const result = await run(await flatFile(codes.map((uscc) => flatRow(uscc, '2031-01', 100))));
    expect(result.imported).toBe(210);
    expect(await tuples()).toBeGreaterThanOrEqual(before + 210);
    // What the planner needs: the new year among the year column's statistics, in both tables
    const yearStats = async (table: string) =>
      (await rowsOf<{ v: string | null }>(db(), sql`SELECT concat(most_common_vals::text, histogram_bounds::text) AS v FROM pg_stats WHERE tablename = ${table} AND attname = 'year'`))[0]?.v ?? '';
    expect(await yearStats('monthly_reports')).toContain('2031');
    expect(await yearStats('stat_enterprise_ytd')).toContain('2031');
  });
});
