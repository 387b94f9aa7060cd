import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { monthlyImportResultSchema } from '../../../../contracts/monthly-reports.ts';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { MONTHLY_TEMPLATE_SHEET } from './monthly-report.template.ts';

/**
 * The flat template, downloaded as a commission user would, filled with exceljs and uploaded again: what the
 * database holds must be exactly what was typed, converted to 万元. The expected values are integers of 元 chosen
 * first; the cells are those amounts written in the row's unit, so the check does not reuse the importer's
 * conversion code.
 */

let t: TestApp;
let commission: Session;
let park: Session;
let a: { id: string; uscc: string; name: string };
let b: { id: string; uscc: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '模板测试甲生物科技有限公司', 'medicine-port');
  b = await createEnterprise(t, '模板测试乙生物材料有限公司', 'materials-bay');
  commission = await activeSession(t, 'tpl_commission', 'commission');
  park = await activeSession(t, 'tpl_park', 'park', await zoneId(t, 'medicine-port'));
}, 120_000);
afterAll(async () => t?.close());

const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
const upload = (session: Session, body: Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/monthly-reports/import${query}`,
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME, 'x-file-name': encodeURIComponent('统计局月报.xlsx') },
  });

async function downloadTemplate(): Promise<ExcelJS.Workbook> {
  const response = await get(commission, '/api/monthly-reports/template');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe(XLSX_MIME);
  expect(String(response.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('月报-导入模板.xlsx')}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as never);
  return workbook;
}

const UNIT_POWER = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 } as const;
type Unit = keyof typeof UNIT_POWER;
const MONEY: IndicatorCode[] = ['output', 'sales', 'export', 'revenue', 'profit', 'tax', 'rd'];

/** One enterprise-month: money as integer 元 (the truth), energy in tce, employees in persons. */
interface Planned {
  uscc: string;
  name: string;
  period: string;
  unit: Unit | null;
  yuan: Partial<Record<IndicatorCode, bigint>>;
  energy: string;
  employees: number;
}

/** The amount in `unit` as the decimal a person would type: the integer of 元 with the point moved left. */
function typed(yuan: bigint, unit: Unit): number {
  const power = UNIT_POWER[unit];
  const negative = yuan < 0n;
  const digits = (negative ? -yuan : yuan).toString().padStart(power + 1, '0');
  const text = power === 0 ? digits : `${digits.slice(0, digits.length - power)}.${digits.slice(digits.length - power)}`;
  return Number(`${negative ? '-' : ''}${text}`);
}

describe('the flat monthly template', () => {
  it('has one column per indicator with its unit, text-formatted key columns, drop-downs and a notes sheet', async () => {
    const workbook = await downloadTemplate();
    const sheet = workbook.getWorksheet(MONTHLY_TEMPLATE_SHEET)!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 4)).toEqual(['统一社会信用代码', '企业名称', '期间', '计量单位']);
    expect(headers.slice(4).map((h) => INDICATORS.find((d) => h.startsWith(d.nameZh))?.code)).toEqual(INDICATORS.map((d) => d.code));
    expect(headers).toContain('综合能源消费量（吨标准煤）');
    expect(headers).toContain('从业人员期末人数（人）');
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"元,千元,万元,亿元"'] });
    expect(sheet.getCell('A500').dataValidation).toMatchObject({ type: 'textLength', formulae: [18] });
    expect(sheet.getCell('E2').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual' });
    const notes = workbook.getWorksheet('填写说明')!;
    const noted = new Set<string>();
    notes.eachRow((row) => noted.add(String(row.getCell(1).value)));
    for (const h of headers) expect(noted.has(h), h).toBe(true);
    expect(JSON.stringify(notes.getSheetValues())).toContain('1 千元 = 0.1 万元');
    // Headers only: a sample row left in place would be imported.
    expect(sheet.getCell('A2').value).toBeNull();
    expect((await get(park, '/api/monthly-reports/template')).statusCode).toBe(403);
  });

  it('filled in, imports through the real importer and stores exactly the typed values in 万元', async () => {
    const planned: Planned[] = [
      { uscc: a.uscc, name: a.name, period: '2024-01', unit: '千元', yuan: { output: 12_345_678_000n, sales: 11_000_001_000n, export: 0n, revenue: 13_000_000_000n, profit: -1_234_000n, tax: 456_000n, rd: 789_000n }, energy: '123.4567', employees: 321 },
      { uscc: a.uscc, name: a.name, period: '2024-02', unit: '元', yuan: { output: 12_000_000_123n, sales: 11_999_999_999n, revenue: 12_500_000_001n, profit: 7n, tax: 1n }, energy: '99.5', employees: 322 },
      { uscc: b.uscc, name: b.name, period: '2024-01', unit: '亿元', yuan: { output: 123_456_789n, sales: 120_000_000n, revenue: 98_765_432n, rd: 1_000_000n }, energy: '0', employees: 45 },
      { uscc: b.uscc, name: b.name, period: '2024-02', unit: null, yuan: { output: 130_000_000n, sales: 125_000_000n, revenue: 100_000_100n }, energy: '12', employees: 46 },
    ];
    const workbook = await downloadTemplate();
    const sheet = workbook.getWorksheet(MONTHLY_TEMPLATE_SHEET)!;
    // row.values is sparse (index 0 is a hole): Array.from visits every index.
    const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (code: IndicatorCode) => headers.findIndex((h) => h.startsWith(INDICATORS.find((d) => d.code === code)!.nameZh));
    planned.forEach((p, i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(1).value = p.uscc;
      row.getCell(2).value = p.name;
      row.getCell(3).value = p.period;
      if (p.unit) row.getCell(4).value = p.unit;
      for (const [code, yuan] of Object.entries(p.yuan) as [IndicatorCode, bigint][]) row.getCell(col(code)).value = typed(yuan, p.unit ?? '万元');
      row.getCell(col('energy')).value = Number(p.energy);
      row.getCell(col('employees')).value = p.employees;
    });
    // A sixth row with a month that does not exist: reported where it is, the others still imported.
    const bad = sheet.getRow(planned.length + 2);
    bad.getCell(1).value = a.uscc;
    bad.getCell(3).value = '2024-13';
    bad.getCell(col('output')).value = 1;

    const response = await upload(commission, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.statusCode, response.body).toBe(200);
    const result = monthlyImportResultSchema.parse(response.json());
    expect(result.layout).toBe('flat');
    expect(result.rejected).toEqual([{ sheet: MONTHLY_TEMPLATE_SHEET, row: planned.length + 2, column: 'C', value: '2024-13', message: expect.stringContaining('YYYY-MM') }]);
    expect(result).toMatchObject({ imported: planned.length, updated: 0, unchanged: 0, skipped: 0, committed: true });

    const stored = await rowsOf<Record<string, string | null> & { uscc: string; year: number; month: number; status: string; source: string }>(
      t.deps.database.db,
      sql`SELECT e.uscc, r.year, r.month, r.status, r.source, r.employees::text AS employees, r.energy::text AS energy,
                 ${sql.raw(MONEY.map((c) => `(r.${c} * 10000)::bigint::text AS ${c}`).join(', '))}
            FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.id IN (${a.id}, ${b.id}) ORDER BY e.uscc, r.year, r.month`,
    );
    const byKey = new Map(stored.map((r) => [`${r.uscc}|${r.year}-${String(r.month).padStart(2, '0')}`, r]));
    expect(byKey.size).toBe(planned.length);
    for (const p of planned) {
      const row = byKey.get(`${p.uscc}|${p.period}`)!;
      expect(row, p.period).toBeDefined();
      expect(row.status).toBe('approved');
      expect(row.source).toBe('import');
      for (const code of MONEY) expect(row[code], `${p.period} ${code}`).toBe(p.yuan[code] === undefined ? null : p.yuan[code]!.toString());
      expect(Number(row.energy)).toBe(Number(p.energy));
      expect(Number(row.employees)).toBe(p.employees);
    }
  });

  it('reports conflicts with stored figures, keeps them by default and replaces them on request', async () => {
    const workbook = await downloadTemplate();
    const sheet = workbook.getWorksheet(MONTHLY_TEMPLATE_SHEET)!;
    sheet.getRow(2).values = [b.uscc, b.name, '2024-02', '万元', 13_500];
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const kept = monthlyImportResultSchema.parse((await upload(commission, body)).json());
    expect(kept.conflicts).toEqual([{ uscc: b.uscc, enterpriseName: '模板测试乙生物材料有限公司', period: '2024-02', indicator: 'output', stored: 13_000, incoming: 13_500, storedStatus: 'approved' }]);
    expect(kept).toMatchObject({ imported: 0, updated: 0, skipped: 1 });
    const replaced = monthlyImportResultSchema.parse((await upload(commission, body, '?onConflict=replace')).json());
    expect(replaced).toMatchObject({ imported: 0, updated: 1, skipped: 0 });
    const [row] = await rowsOf<{ output: string; sales: string }>(t.deps.database.db, sql`SELECT output::text AS output, sales::text AS sales FROM monthly_reports WHERE enterprise_id = ${b.id} AND year = 2024 AND month = 2`);
    expect(Number(row!.output)).toBe(13_500);
    // Indicators the file leaves empty keep their stored values.
    expect(Number(row!.sales)).toBe(12_500);
  });
});

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

describe('biomfg template monthly-reports', () => {
  it('writes the same workbook as the route, needing no database', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-mr-template-'));
    try {
      const file = path.join(dir, '月报模板.xlsx');
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'data') };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, [path.join(REPO, 'bin/biomfg.mjs'), 'template', 'monthly-reports', '--out', file, '--json'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ entity: 'monthly-reports', file });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([MONTHLY_TEMPLATE_SHEET, '填写说明']);
      const headers = (workbook.getWorksheet(MONTHLY_TEMPLATE_SHEET)!.getRow(1).values as unknown[]).slice(1).map(String);
      expect(headers).toHaveLength(4 + INDICATORS.length);
      // The command wrote no database: the template comes from the indicator catalogue alone.
      expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
