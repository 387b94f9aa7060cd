import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUscc } from '../../../test/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { parseCell } from '../domain/spreadsheet/cells.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';
import { ensureInstallation } from './ensure-installation.ts';
import { referenceData } from './reference/index.ts';

/**
 * A start from the command line alone (`npx biomfg migrate`, then `import enterprises`) must find the policy's
 * reference data and the shipped plan, as `serve` does; loading them twice changes nothing.
 */

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
}, 120_000);
afterAll(async () => tdb?.cleanup());

async function counts() {
  const [row] = await rowsOf<Record<string, number>>(
    tdb.database.db,
    sql`SELECT (SELECT count(*) FROM domains)::int AS domains, (SELECT count(*) FROM zones)::int AS zones, (SELECT count(*) FROM departments)::int AS departments,
               (SELECT count(*) FROM carriers)::int AS carriers, (SELECT count(*) FROM plans)::int AS plans,
               (SELECT count(*) FROM plan_versions WHERE status = 'active')::int AS active, (SELECT count(*) FROM audit_log WHERE action = 'plan.seed')::int AS seeded`,
  );
  return row!;
}

describe('reference data and the shipped plan on a command-line start', () => {
  it('loads them into a freshly migrated database, once', async () => {
    const first = await ensureInstallation(tdb.database);
    expect(first).toEqual({ referenceLoaded: true, planLoaded: true });
    const loaded = await counts();
    expect(loaded).toMatchObject({ domains: referenceData.domains.length, zones: referenceData.zones.length, departments: referenceData.departments.length, carriers: referenceData.carriers.length, plans: 1, active: 1, seeded: 1 });
    expect(await ensureInstallation(tdb.database)).toEqual({ referenceLoaded: false, planLoaded: false });
    expect(await counts()).toEqual(loaded);
  });

  it('a list of allowed values that is empty says the reference data is missing and how to load it', () => {
    const result = parseCell({ key: 'zone', header: '所在功能区', kind: 'enum', options: [], note: '' }, '生物医药');
    expect(result.ok).toBe(false);
    const message = (result as { message: string }).message;
    expect(message).not.toMatch(/应为以下之一：；/);
    expect(message).toContain('参考数据');
    expect(message).toContain('npx biomfg serve');
  });
});

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
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

describe.skipIf(!!process.env.DATABASE_URL)('npx biomfg migrate, then import enterprises', () => {
  it('imports an enterprise of 生物医药 in 生物材料湾 with nothing else run before', { timeout: 300_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-cli-start-'));
    try {
      const dataDir = path.join(dir, 'data');
      const migrated = await biomfg(dataDir, 'migrate');
      expect(migrated.code, migrated.stderr).toBe(0);
      const template = path.join(dir, 'template.xlsx');
      expect((await biomfg(dataDir, 'template', 'enterprises', '--out', template)).code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(template);
      const sheet = wb.getWorksheet('企业名录')!;
      const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
      const row = sheet.getRow(2);
      row.getCell(header.indexOf('统一社会信用代码')).value = testUscc();
      row.getCell(header.indexOf('企业名称')).value = '命令行首启生物有限公司';
      row.getCell(header.indexOf('所在功能区')).value = '生物材料湾';
      const domainColumn = header.findIndex((h) => h.startsWith('重点领域'));
      if (domainColumn >= 0) row.getCell(domainColumn).value = '生物医药';
      const filled = path.join(dir, 'filled.xlsx');
      await wb.xlsx.writeFile(filled);
      const imported = await biomfg(dataDir, 'import', 'enterprises', filled, '--json');
      expect(imported.code, imported.stderr + imported.stdout).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1, rejected: [] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
