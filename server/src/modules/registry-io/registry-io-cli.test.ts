import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUscc } from '../../../../test/fixtures.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';

// `biomfg template|import|export ENTITY` as an operator runs them (SPEC §11), on an embedded data folder.

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

function biomfg(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(REPO, 'bin/biomfg.mjs'), ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!!process.env.DATABASE_URL)('biomfg template, import and export', () => {
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-io-cli-'));
    dataDir = path.join(dir, 'data');
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      await database.db.transaction(async (tx) => {
        await seedReferenceData(tx as unknown as Db);
      });
    } finally {
      await database.close();
    }
  }, 240_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills the template, imports it (JSON result with Excel row numbers), exports and re-imports it unchanged', { timeout: 300_000 }, async () => {
    const template = path.join(dir, '企业模板.xlsx');
    const t = await biomfg(dataDir, 'template', 'enterprises', '--out', template);
    expect(t.code, t.stderr).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const sheet = wb.getWorksheet('企业名录')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const good = testUscc();
    const rows: [string, string, string][] = [
      [good, '命令行导入生物有限公司', '生物材料湾'],
      [good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A'), '校验位错误有限公司', '生物材料湾'],
    ];
    rows.forEach(([uscc, name, zone], i) => {
      const row = sheet.getRow(i + 2);
      row.getCell(col('统一社会信用代码')).value = uscc;
      row.getCell(col('企业名称')).value = name;
      row.getCell(col('所在功能区')).value = zone;
    });
    const filled = path.join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);

    const report = path.join(dir, 'errors.xlsx');
    const imported = await biomfg(dataDir, 'import', 'enterprises', filled, '--json', '--error-report', report);
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(result.imported).toBe(1);
    expect(result.updated).toBe(0);
    expect(result.rejected).toEqual([
      expect.objectContaining({ row: 3, column: '统一社会信用代码', value: rows[1]![0], message: expect.stringContaining('校验位') }),
    ]);
    expect(fs.existsSync(report)).toBe(true);

    const all = await biomfg(dataDir, 'import', 'enterprises', filled, '--mode', 'all-or-nothing', '--json');
    expect(all.code).toBe(3);

    const exported = path.join(dir, 'export.xlsx');
    const e = await biomfg(dataDir, 'export', 'enterprises', '--out', exported);
    expect(e.code, e.stderr).toBe(0);
    const again = await biomfg(dataDir, 'import', 'enterprises', exported, '--duplicates', 'update', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 1, rejected: [] });

    const csv = path.join(dir, 'export.csv');
    expect((await biomfg(dataDir, 'export', 'enterprises', '--out', csv, '--format', 'csv')).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').startsWith('\ufeff统一社会信用代码,企业名称')).toBe(true);
  });

  it('refuses a renamed non-workbook with a located message and a non-zero exit', { timeout: 120_000 }, async () => {
    const fake = path.join(dir, 'not-a-workbook.xlsx');
    fs.writeFileSync(fake, '统一社会信用代码,企业名称\n');
    const r = await biomfg(dataDir, 'import', 'enterprises', fake);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not-a-workbook.xlsx');
    expect(r.stderr).toContain('不是 Excel 工作簿');
    const unknown = await biomfg(dataDir, 'import', 'widgets', fake);
    expect(unknown.code).toBe(2);
  });
});
