import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContactsOf } from '../enterprises/enterprise-contacts.ts';
import { activeSession, createEnterprise, testUscc, zoneId } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { buildZip, WORKBOOK_PARTS } from '../../../../test/zip-builder.ts';
import { auditLog, enterprises, recordHistory } from '../../db/schema/index.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { chainNodesOf } from '../enterprises/enterprise.repository.ts';

let t: TestApp;
let commission: Session;
let park: Session;

beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_MB: '2' });
  commission = await activeSession(t, 'io_commission', 'commission');
  park = await activeSession(t, 'io_park', 'park', await zoneId(t, 'medicine-port'));
});
afterAll(async () => t?.close());

async function workbook(header: string[], rows: unknown[][], sheetName = '企业名录'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(session: Session, entity: string, body: Buffer, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/${entity}/import${query}`,
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME, 'x-file-name': encodeURIComponent('企业名单.xlsx') },
  });
}

const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

async function countByUscc(codes: string[]): Promise<number> {
  let n = 0;
  for (const c of codes) n += (await t.deps.database.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, c))).length;
  return n;
}

const HEADER = ['企业名称', '统一社会信用代码', '所在功能区', '发展阶段', '规上企业', '成立日期', '联系电话', '联系人'];

describe('enterprise import', () => {
  it('valid-only: reports exactly the invalid rows (Excel row numbers) and stores exactly the valid ones', async () => {
    const good1 = testUscc();
    const good2 = testUscc();
    const badCheck = testUscc().slice(0, 17) + 'Z'; // Z is not in the alphabet
    const wrongDigit = (() => {
      const v = testUscc();
      return v.slice(0, 17) + (v[17] === '0' ? '1' : '0');
    })();
    const body = await workbook(HEADER, [
      ['导入甲生物科技有限公司', good1, '生物医药港', '孵化', '是', '2020-05-01', '13800000000', '王五'],
      ['乙', wrongDigit, '生物医药港', '加速', '否', '2021-01-01', null],
      ['导入丙生物材料有限公司', good2, '生物材料湾', '产业化', '否', '2019/3/1', null],
      [null, null, null, null, null, null, null],
      ['导入丁生物有限公司', badCheck, '不存在的园区', '成熟', '也许', '2021-13-01', '123'],
      ['导入甲生物科技有限公司（重复）', good1, '生物医药港', null, null, null, null],
    ]);
    const r = await upload(commission, 'enterprises', body);
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json();
    expect(result.imported).toBe(2);
    expect(result.committed).toBe(true);
    const rows = [...new Set(result.rejected.map((x: { row: number }) => x.row))];
    expect(rows).toEqual([3, 6, 7]);
    expect(result.rejectedRows).toBe(3);
    const row3 = result.rejected.filter((x: { row: number }) => x.row === 3);
    expect(row3.some((x: { column: string; message: string }) => x.column === '统一社会信用代码' && x.message.includes('校验位'))).toBe(true);
    expect(row3.some((x: { column: string }) => x.column === '企业名称')).toBe(true);
    const row6Columns = result.rejected.filter((x: { row: number }) => x.row === 6).map((x: { column: string }) => x.column);
    expect(row6Columns).toEqual(expect.arrayContaining(['统一社会信用代码', '所在功能区', '发展阶段', '规上企业', '成立日期', '联系电话', '联系人']));
    expect(result.rejected.find((x: { row: number }) => x.row === 7).message).toContain('与第2行重复');
    expect(await countByUscc([good1, good2, wrongDigit])).toBe(2);

    // One audit record for the whole file, with its hash and counts; one history row per record.
    const audits = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.action, 'enterprises.import'));
    const last = audits.at(-1)!;
    expect(last.details).toMatchObject({ sha256: result.sha256, imported: 2, rejectedRows: 3, mode: 'valid-only' });
    const [stored] = await t.deps.database.db.select().from(enterprises).where(eq(enterprises.uscc, good1));
    const history = await t.deps.database.db.select().from(recordHistory).where(eq(recordHistory.objectId, stored!.id));
    expect(history.map((h) => h.source)).toEqual(['import']);

    // The marked workbook: red cells with comments and an 错误说明 column; only the uploader may fetch it.
    const report = await get(commission, `/api/enterprises/import-reports/${result.reportId}`);
    expect(report.statusCode).toBe(200);
    expect(decodeURIComponent(String(report.headers['content-disposition']))).toContain('企业名单-错误报告.xlsx');
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load(report.rawPayload as never);
    const sheet = marked.getWorksheet('企业名录')!;
    const lastColumn = sheet.getRow(1).cellCount;
    expect(sheet.getRow(1).getCell(lastColumn).value).toBe('错误说明');
    expect(String(sheet.getRow(3).getCell(lastColumn).value)).toContain('校验位');
    expect(sheet.getRow(2).getCell(lastColumn).value).toBeNull();
    const badCell = sheet.getRow(3).getCell(2);
    expect((badCell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(String((badCell.note as { texts?: { text: string }[] } | string | undefined) && JSON.stringify(badCell.note))).toContain('校验位');
    expect((await get(park, `/api/enterprises/import-reports/${result.reportId}`)).statusCode).toBe(404);
  });

  it('all-or-nothing: one invalid row means nothing is stored', async () => {
    const good = testUscc();
    const body = await workbook(HEADER, [
      ['整体导入甲有限公司', good, '生物医药港', '孵化', '否', null, null],
      ['整体导入乙有限公司', 'NOT-A-CODE', '生物医药港', '孵化', '否', null, null],
    ]);
    const result = (await upload(commission, 'enterprises', body, '?mode=all-or-nothing')).json();
    expect(result).toMatchObject({ imported: 0, updated: 0, committed: false, rejectedRows: 1 });
    expect(result.rejected[0].row).toBe(3);
    expect(await countByUscc([good])).toBe(0);
  });

  it('duplicates against stored records are skipped or updated, as chosen', async () => {
    const existing = await createEnterprise(t, '已登记生物有限公司', 'medicine-port');
    const body = await workbook(['统一社会信用代码', '企业名称', '发展阶段'], [[existing.uscc, '已登记生物有限公司（更名）', '加速']]);
    const skipped = (await upload(commission, 'enterprises', body)).json();
    expect(skipped).toMatchObject({ imported: 0, updated: 0, skipped: 1, rejected: [] });
    const updated = (await upload(commission, 'enterprises', body, '?duplicates=update')).json();
    expect(updated).toMatchObject({ imported: 0, updated: 1 });
    const [row] = await t.deps.database.db.select().from(enterprises).where(eq(enterprises.id, existing.id));
    // Columns absent from the sheet keep their stored values (the zone was not in this sheet).
    expect(row).toMatchObject({ name: '已登记生物有限公司（更名）', stage: 'accelerating', zoneId: await zoneId(t, 'medicine-port') });
    const again = (await upload(commission, 'enterprises', body, '?duplicates=update')).json();
    expect(again).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('a park committee imports only rows of its own zone; others are rejected with a clear message', async () => {
    const foreign = await createEnterprise(t, '外区已登记有限公司', 'innovation-city');
    const own = testUscc();
    const other = testUscc();
    const body = await workbook(HEADER, [
      ['园区自有企业有限公司', own, '生物医药港', '孵化', '否', null, null],
      ['园区外企业有限公司', other, '生物创新城', '孵化', '否', null, null],
      ['外区已登记有限公司', foreign.uscc, '生物创新城', '孵化', '否', null, null],
    ]);
    const result = (await upload(park, 'enterprises', body, '?duplicates=update')).json();
    expect(result.imported).toBe(1);
    expect(result.rejected.map((x: { row: number }) => x.row)).toEqual([3, 4]);
    expect(result.rejected[0].message).toContain('本园区');
    expect(result.rejected[1].message).toContain('不在您的管辖范围内');
    // Nothing about the foreign record leaks: no name, no zone.
    expect(JSON.stringify(result)).not.toContain('innovation-city');
    expect(await countByUscc([own, other])).toBe(1);
  });

  it('headers match in any order, spacing and width; a missing required column refuses the file', async () => {
    const code = testUscc();
    const shuffled = await workbook([' 发展 阶段', '企业名称＊', '统一社会信用代码（必填）', '无关列'], [['孵化', '表头测试有限公司', code, 'x']]);
    const ok = (await upload(commission, 'enterprises', shuffled)).json();
    expect(ok).toMatchObject({ imported: 1, ignoredColumns: ['无关列'] });
    const missing = await upload(commission, 'enterprises', await workbook(['企业名称'], [['缺列有限公司']]));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('统一社会信用代码');
  });
});

describe('files refused before parsing', () => {
  it('an oversized upload is refused by the body limit', async () => {
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(3 * 1024 * 1024)]);
    const r = await upload(commission, 'enterprises', big);
    expect(r.statusCode).toBe(413);
  });

  it('a zip bomb (declared huge, under-declared or thousands of entries) and a renamed non-xlsx file are refused', async () => {
    const declaredHuge = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 0xfffffff0 }]);
    const underDeclared = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024), declaredSize: 100 }]);
    const many = buildZip([...WORKBOOK_PARTS, ...Array.from({ length: 5000 }, (_, i) => ({ name: `xl/media/${i}.bin`, method: 0 as const }))]);
    const renamed = Buffer.from('统一社会信用代码,企业名称\r\n', 'utf8');
    for (const [body, reason] of [
      [declaredHuge, 'uncompressed-too-large'],
      [underDeclared, 'uncompressed-too-large'],
      [many, 'too-many-entries'],
      [renamed, 'not-xlsx'],
    ] as const) {
      const r = await upload(commission, 'enterprises', body);
      expect(r.statusCode, reason).toBe(400);
      expect(r.json().error.details[0].rule).toBe(reason);
    }
    const refusals = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.action, 'enterprises.import'));
    expect(refusals.filter((a) => a.outcome === 'failure').length).toBeGreaterThanOrEqual(4);
  });

  it('a JSON body is not an upload', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/enterprises/import', payload: { a: 1 }, headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf } });
    expect(r.statusCode).toBe(415);
  });
});

describe('template, export, round trip', () => {
  it('the template has the Chinese headers, a 填写说明 sheet and drop-down lists', async () => {
    const r = await get(commission, '/api/enterprises/template');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const sheet = wb.getWorksheet('企业名录')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    const stageColumn = (sheet.getRow(1).values as unknown[]).indexOf('发展阶段');
    expect(sheet.getRow(2).getCell(stageColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"孵化,加速,产业化"'] });
  });

  it('export escapes formula text, keeps numbers numeric, and import → export → import round-trips', async () => {
    const code = testUscc();
    await upload(
      commission,
      'enterprises',
      // Chain-node names that themselves contain 、 (seeded reference data) must survive both ways.
      await workbook(
        ['统一社会信用代码', '企业名称', '所在功能区', '企业标签', '产业链节点', '成立日期', '备注', '联系人', '联系电话'],
        [[code, '往返测试生物有限公司', '生物医药港', '专精特新、龙头企业', '优势农产品（节水抗旱稻、食用菌）、生物饲料', '2018-06-30', '=HYPERLINK("http://x","点我")', '张三', '021-57001234']],
      ),
    );
    const exported = await get(commission, '/api/enterprises/export?q=往返测试');
    expect(exported.statusCode).toBe(200);
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toMatch(/filename\*=UTF-8''企业名录-\d{4}-\d{2}-\d{2}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    const header = sheet.getRow(1).values as unknown[];
    const row = sheet.getRow(2);
    expect(row.getCell(header.indexOf('备注')).value).toBe(`'=HYPERLINK("http://x","点我")`);
    // One item per line once an item contains the separator, so nothing has to be guessed on the way back.
    expect(row.getCell(header.indexOf('产业链节点')).value).toBe('优势农产品(节水抗旱稻、食用菌)\n生物饲料');
    sheet.eachRow((r) => r.eachCell((c) => expect(typeof c.value === 'string' ? /^[=+\-@\t\r]/.test(c.value) : false).toBe(false)));

    // Re-import the export as is: nothing changes.
    const again = (await upload(commission, 'enterprises', exported.rawPayload, '?duplicates=update')).json();
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, rejected: [] });
    const [stored] = await t.deps.database.db.select().from(enterprises).where(eq(enterprises.uscc, code));
    expect(stored).toMatchObject({ note: '=HYPERLINK("http://x","点我")', tags: ['specialized', 'leader'], foundedOn: '2018-06-30' });
    // The phone survives the round trip, stored sealed (field encryption) and opened with the fields key.
    expect(JSON.stringify(stored)).not.toContain('57001234');
    expect(openContactsOf(stored!)[0]?.phone).toBe('021-57001234');
    expect((await chainNodesOf(t.deps.database.db, [stored!.id])).get(stored!.id)?.map((n) => n.code)).toEqual(['agf-produce', 'agf-feed']);

    const csv = await get(commission, '/api/enterprises/export?q=往返测试&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
  });

  it('the park’s export contains only its zone', async () => {
    await createEnterprise(t, '导出范围外有限公司', 'energy-valley');
    const r = await get(park, '/api/enterprises/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((row, i) => i > 1 && names.push(String(row.getCell(2).value)));
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('导出范围外有限公司');
    const zones = new Set<string>();
    wb.worksheets[0]!.eachRow((row, i) => i > 1 && zones.add(String(row.getCell(5).value)));
    expect([...zones]).toEqual(['生物医药港']);
  });

  it('streams progress lines before the result when asked for NDJSON', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [testUscc(), `流式导入${i}号生物有限公司`]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import',
      payload: await workbook(['统一社会信用代码', '企业名称'], rows),
      headers: { cookie: commission.cookie, 'x-csrf-token': commission.csrf, 'content-type': XLSX_MIME, accept: 'application/x-ndjson' },
    });
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('progress');
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { imported: 30 } });
  });
});
