import ExcelJS from 'exceljs';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, testUscc, zoneId } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { auditLog, chainNodesTable, enterpriseChainNodes, enterprises, recordHistory } from '../../db/schema/index.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { enterprisesEntity } from './entities/enterprises.io.ts';
import { runImport, type ImportProgress } from './import.ts';

// The set-based enterprise import where it could differ from writing row by row: mixtures of inserts, updates,
// unchanged and skipped rows, one code twice in a file, history rows and versions, write-time refusals in both
// modes, a scoped user with foreign rows among hundreds, and near-duplicate names as warnings.

let t: TestApp;
let commission: Session;
let park: Session;

beforeAll(async () => {
  t = await createTestApp();
  commission = await activeSession(t, 'bulk_commission', 'commission');
  park = await activeSession(t, 'bulk_park', 'park', await zoneId(t, 'medicine-port'));
});
afterAll(async () => t?.close());

async function workbook(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('企业名录');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (session: Session, body: Buffer, query = '') =>
  t.app.inject({ method: 'POST', url: `/api/enterprises/import${query}`, payload: body, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME } });

const db = () => t.deps.database.db;
const byUscc = async (codes: string[]) => db().select().from(enterprises).where(inArray(enterprises.uscc, codes));
const historyOf = async (id: string) => db().select().from(recordHistory).where(and(eq(recordHistory.objectType, 'enterprise'), eq(recordHistory.objectId, id))).orderBy(asc(recordHistory.id));
const nodesOf = async (id: string) =>
  (await db().select({ code: chainNodesTable.code, primary: enterpriseChainNodes.isPrimary }).from(enterpriseChainNodes).innerJoin(chainNodesTable, eq(chainNodesTable.id, enterpriseChainNodes.nodeId)).where(eq(enterpriseChainNodes.enterpriseId, id)))
    .sort((a, b) => Number(b.primary) - Number(a.primary) || a.code.localeCompare(b.code));

const HEADER = ['统一社会信用代码', '企业名称', '所在功能区', '发展阶段', '产业链节点'];

describe('set-based enterprise import', () => {
  it('mixes inserts, updates, unchanged rows and a code twice in the file, with the history and versions of row-by-row writes', async () => {
    const toUpdate = await createEnterprise(t, '批量更新前生物有限公司', 'medicine-port');
    const toKeep = await createEnterprise(t, '批量未变生物有限公司', 'medicine-port');
    const [kept] = await byUscc([toKeep.uscc]);
    const fresh1 = testUscc();
    const fresh2 = testUscc();
    const body = await workbook(HEADER, [
      [fresh1, '批量新增一生物有限公司', '生物医药港', '加速', '培养基、菌种与细胞株构建'],
      [toUpdate.uscc, '批量更新后生物有限公司', '生物医药港', '产业化', '培养基'],
      [toKeep.uscc, kept!.name, '生物医药港', '孵化', null],
      [fresh2, '批量新增二生物有限公司', '生物材料湾', null, null],
      [fresh1, '批量新增一生物有限公司（重复行）', '生物医药港', null, null],
    ]);
    const result = (await upload(commission, body, '?duplicates=update')).json();
    expect(result).toMatchObject({ imported: 2, updated: 1, unchanged: 1, skipped: 0, committed: true, rejectedRows: 1 });
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ row: 6, column: '统一社会信用代码' });
    expect(result.rejected[0].message).toContain('与第2行重复');

    const rows = new Map((await byUscc([fresh1, fresh2, toUpdate.uscc, toKeep.uscc])).map((r) => [r.uscc, r]));
    const first = rows.get(fresh1)!;
    expect(first).toMatchObject({ name: '批量新增一生物有限公司', stage: 'accelerating', version: 1, zoneId: await zoneId(t, 'medicine-port') });
    expect(await nodesOf(first.id)).toEqual([
      { code: 'bm-media', primary: true },
      { code: 'bm-strain', primary: false },
    ]);
    expect(rows.get(fresh2)).toMatchObject({ stage: 'incubating', zoneId: await zoneId(t, 'materials-bay'), version: 1 });
    const updatedRow = rows.get(toUpdate.uscc)!;
    expect(updatedRow).toMatchObject({ name: '批量更新后生物有限公司', stage: 'industrialized', version: 2 });
    expect(await nodesOf(updatedRow.id)).toEqual([{ code: 'bm-media', primary: true }]);
    expect(rows.get(toKeep.uscc)).toMatchObject({ version: 1, updatedAt: kept!.updatedAt });

    // History: one create per new record with its fields, one update with exactly the changed fields, none for
    // the unchanged record; all marked as coming from the import.
    const created = await historyOf(first.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ action: 'enterprise.create', source: 'import' });
    expect(created[0]!.changes.name).toEqual([null, '批量新增一生物有限公司']);
    expect(created[0]!.changes.chainNodes).toEqual([null, ['bm-media', 'bm-strain']]);
    const changed = await historyOf(updatedRow.id);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ action: 'enterprise.update', source: 'import' });
    expect(changed[0]!.changes).toEqual({
      name: ['批量更新前生物有限公司', '批量更新后生物有限公司'],
      stage: ['incubating', 'industrialized'],
      chainNodes: [[], ['bm-media']],
    });
    expect(await historyOf(toKeep.id)).toHaveLength(0);

    // One audit record for the file, with the counts.
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'enterprises.import'));
    const last = audits.at(-1)!;
    expect(last.details).toMatchObject({ imported: 2, updated: 1, unchanged: 1, rejectedRows: 1 });
  });

  it('a row refused at write time (carrier outside the zone) is reported; all-or-nothing then stores nothing', async () => {
    const ok = testUscc();
    const bad = testUscc();
    const header = ['统一社会信用代码', '企业名称', '所在功能区', '所在载体'];
    const rows = [
      [ok, '写入校验甲生物有限公司', '生物医药港', '湾区生物医药港'],
      [bad, '写入校验乙生物有限公司', '生物医药港', '市公卫中心'],
    ];
    const strict = (await upload(commission, await workbook(header, rows), '?mode=all-or-nothing')).json();
    expect(strict).toMatchObject({ imported: 0, committed: false });
    expect(strict.rejected.map((x: { row: number; column: string }) => [x.row, x.column])).toEqual([[3, '所在载体']]);
    expect(await byUscc([ok, bad])).toHaveLength(0);

    const lenient = (await upload(commission, await workbook(header, rows))).json();
    expect(lenient).toMatchObject({ imported: 1, committed: true, rejectedRows: 1 });
    expect(lenient.rejected[0].message).toContain('不在所选功能区内');
    expect((await byUscc([ok, bad])).map((r) => r.uscc)).toEqual([ok]);
  });

  it('a park committee importing 500 rows stores exactly its own zone’s and never touches a foreign record', async () => {
    const foreign = await createEnterprise(t, '批量外区已登记有限公司', 'innovation-city');
    const [foreignBefore] = await byUscc([foreign.uscc]);
    const own = await createEnterprise(t, '批量本区已登记有限公司', 'medicine-port');
    const rows: unknown[][] = [];
    const expectedNew: string[] = [];
    const expectedRejected: number[] = [];
    for (let i = 0; i < 500; i++) {
      const excelRow = i + 2;
      if (i === 100) {
        rows.push([foreign.uscc, '批量外区已登记有限公司（改名）', '生物创新城', '加速', null]);
        expectedRejected.push(excelRow);
      } else if (i === 200) {
        rows.push([own.uscc, '批量本区已登记有限公司（改名）', null, '加速', null]);
      } else if (i % 7 === 3) {
        rows.push([testUscc(), `批量外区新企业${i}有限公司`, '生物材料湾', null, null]);
        expectedRejected.push(excelRow);
      } else {
        const code = testUscc();
        expectedNew.push(code);
        rows.push([code, `批量园区新企业${i}有限公司`, i % 2 ? '生物医药港' : null, null, null]);
      }
    }
    // Streamed (NDJSON), so the progress lines can be checked too.
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import?duplicates=update',
      payload: await workbook(HEADER, rows),
      headers: { cookie: park.cookie, 'x-csrf-token': park.csrf, 'content-type': XLSX_MIME, accept: 'application/x-ndjson' },
    });
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; phase?: string; done?: number; total?: number; result?: never });
    const progress = lines.filter((l) => l.type === 'progress');
    const result = lines.at(-1)!.result as unknown as { imported: number; updated: number; rejected: { row: number }[] };
    const parkZone = await zoneId(t, 'medicine-port');
    expect(result.imported).toBe(expectedNew.length);
    expect(result.updated).toBe(1);
    expect([...new Set(result.rejected.map((x) => x.row))]).toEqual(expectedRejected);
    const stored = await byUscc(expectedNew);
    expect(stored).toHaveLength(expectedNew.length);
    // Blank zone cells fall back to the park's own zone, as a single create does.
    expect(new Set(stored.map((r) => r.zoneId))).toEqual(new Set([parkZone]));
    const [foreignAfter] = await byUscc([foreign.uscc]);
    expect(foreignAfter).toEqual(foreignBefore);
    expect(JSON.stringify(result)).not.toContain('innovation-city');
    const [ownAfter] = await byUscc([own.uscc]);
    expect(ownAfter).toMatchObject({ name: '批量本区已登记有限公司（改名）', zoneId: parkZone, version: 2 });
    // The stream throttles write-phase lines; the others all arrive, the last saying everything is done.
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['check', 'parse', 'validate', 'done']));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 500, total: 500 });
  });

  it('reports write progress up to every valid row', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [testUscc(), `进度批量${i}号生物有限公司`, null, null, null]);
    const progress: ImportProgress[] = [];
    const result = await runImport(t.deps, consoleOperatorCaller(), enterprisesEntity as never, await workbook(HEADER, rows), { mode: 'valid-only', duplicates: 'skip', onProgress: (p) => void progress.push(p) });
    expect(result.imported).toBe(1200);
    const writes = progress.filter((p) => p.phase === 'write');
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.map((w) => w.done)).toEqual([...writes.map((w) => w.done)].sort((x, y) => x - y));
    expect(writes.at(-1)).toEqual({ phase: 'write', done: 1200, total: 1200 });
  });

  it('near-duplicate names come back as warnings (row, 企业名称, the stored name), within the caller’s scope only', async () => {
    const stored = await createEnterprise(t, '上海澜禾生物医药有限公司', 'medicine-port');
    const elsewhere = await createEnterprise(t, '上海碧泓合成生物有限公司', 'innovation-city');
    const a = testUscc();
    const b = testUscc();
    const c = testUscc();
    const body = await workbook(HEADER, [
      [a, '澜禾生物医药（上海）有限公司', '生物医药港', null, null],
      [b, '金山远景农业科技有限公司', '生物医药港', null, null],
      [c, '碧泓合成生物（上海）有限公司', '生物医药港', null, null],
      [stored.uscc, '上海澜禾生物医药有限公司', '生物医药港', '加速', null],
    ]);
    const result = (await upload(commission, body, '?duplicates=update')).json();
    expect(result).toMatchObject({ imported: 3, updated: 1, rejected: [] });
    expect(result.warnings.map((w: { row: number; column: string; similar: { name: string } }) => [w.row, w.column, w.similar.name])).toEqual([
      [2, '企业名称', '上海澜禾生物医药有限公司'],
      [4, '企业名称', '上海碧泓合成生物有限公司'],
    ]);
    expect(result.warnings[0].message).toContain('上海澜禾生物医药有限公司');
    expect(result.warnings[0].similar.key).toBe(stored.uscc);

    // The park sees its own zone only: the innovation-city firm is never hinted at.
    const d = testUscc();
    const parkBody = await workbook(HEADER, [[d, '碧泓合成生物（金山）有限公司', null, null, null]]);
    const parkResult = (await upload(park, parkBody)).json();
    expect(parkResult.imported).toBe(1);
    // The only similar name the park hears of is the one in its zone (imported above), not the innovation-city firm.
    expect(parkResult.warnings.map((w: { similar: { name: string } }) => w.similar.name)).toEqual(['碧泓合成生物（上海）有限公司']);
    expect(JSON.stringify(parkResult.warnings)).not.toContain(elsewhere.name);
  });
});
