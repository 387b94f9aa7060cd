import http from 'node:http';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyImportStreamLineSchema, type MonthlyImportResultView, type MonthlyImportStreamLine } from '../../../../contracts/monthly-reports.ts';
import { activeSession, createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { rowsOf } from '../statistics/sql-rows.ts';

// The bureau import's streamed answer (Accept: application/x-ndjson): progress lines, then the same result a
// plain request gets for the same file on a fresh database; a failure after the answer has started arrives as
// an error line, and nothing of the file is stored.

const HEADER = ['统一社会信用代码', '期间', '计量单位', '工业总产值', '工业销售产值', '出口交货值', '营业收入', '利润总额', '税收', '研发费用', '综合能源消费量', '从业人员期末人数'];
const ENTERPRISES = [
  { name: '流式导入甲生物科技有限公司', zone: 'medicine-port' },
  { name: '流式导入乙生物材料有限公司', zone: 'materials-bay' },
  { name: '流式导入丙合成生物有限公司', zone: 'medicine-port' },
];

let streamed: TestApp;
let plain: TestApp;
let streamedSession: Session;
let plainSession: Session;
let usccs: string[] = [];
let ids: string[] = [];

beforeAll(async () => {
  streamed = await createTestApp();
  plain = await createTestApp();
  // The same enterprises (same credit codes) in both databases.
  for (const e of ENTERPRISES) {
    const row = await createEnterprise(streamed, e.name, e.zone);
    usccs.push(row.uscc);
    ids.push(row.id);
    await plain.deps.database.db.execute(sql`INSERT INTO enterprises (uscc, name, zone_id) SELECT ${row.uscc}, ${e.name}, id FROM zones WHERE code = ${e.zone}`);
  }
  streamedSession = await activeSession(streamed, 'stream_commission', 'commission');
  plainSession = await activeSession(plain, 'plain_commission', 'commission');
}, 180_000);
afterAll(async () => {
  await streamed?.close();
  await plain?.close();
});

/** Twelve months of 2024 for each enterprise in 万元, and one row whose output is text (rejected, located). */
async function yearFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('月报');
  sheet.addRow(HEADER);
  usccs.forEach((uscc, k) => {
    for (let m = 1; m <= 12; m++) {
      const output = 100 * (k + 1) + m;
      sheet.addRow([uscc, `2024-${String(m).padStart(2, '0')}`, '万元', output, output * 0.9, 5, output * 1.1, 7, 3, 2, 11, 40 + k]);
    }
  });
  sheet.addRow([usccs[0], '2023-12', '万元', '一千', 1, 1, 1, 1, 1, 1, 1, 40]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (t: TestApp, session: Session, body: Buffer, accept: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/monthly-reports/import?mode=valid-only&onConflict=keep',
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME, 'x-file-name': encodeURIComponent('统计局月报.xlsx'), accept },
  });

/** Every line parsed with the contract the web client uses. */
const linesOf = (body: string): MonthlyImportStreamLine[] =>
  body
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => monthlyImportStreamLineSchema.parse(JSON.parse(l)));

/** The result without the identifiers each database draws for itself. */
const comparable = (view: MonthlyImportResultView) => ({ ...view, batchId: view.batchId === null ? null : 'id', reportId: view.reportId === null ? null : 'id' });

async function storedCount(t: TestApp) {
  const [row] = await rowsOf<{ reports: number; revisions: number; batches: number; ytd: number }>(
    t.deps.database.db,
    sql`SELECT (SELECT count(*) FROM monthly_reports)::int AS reports, (SELECT count(*) FROM monthly_report_revisions)::int AS revisions,
               (SELECT count(*) FROM stat_import_batches)::int AS batches, (SELECT count(*) FROM stat_enterprise_ytd)::int AS ytd`,
  );
  return row!;
}

describe('bureau import streamed as NDJSON', () => {
  it('refuses a damaged file with an error line in both languages, before anything is stored', async () => {
    const r = await upload(streamed, streamedSession, Buffer.from('PK\u0003\u0004 not really a zip'), 'application/x-ndjson');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/x-ndjson');
    const lines = linesOf(r.body);
    expect(lines[0]).toMatchObject({ type: 'progress', phase: 'check' });
    const last = lines.at(-1)!;
    expect(last.type).toBe('error');
    if (last.type !== 'error') return;
    expect(last.error.code).toBe('IMPORT_REFUSED');
    expect(last.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(last.error.messageEn).toMatch(/^[\x20-\x7e]+$/);
    expect(await storedCount(streamed)).toMatchObject({ reports: 0, batches: 0 });
  });

  it('an error in the write transaction ends the stream with an error line; the file leaves nothing behind', async () => {
    const before = await storedCount(streamed);
    // A failure the importer cannot foresee, in the middle of its transaction: the third enterprise's rows are refused by the database.
    await streamed.deps.database.execScript(
      `CREATE FUNCTION stream_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
               CREATE TRIGGER stream_test_refuse BEFORE INSERT ON monthly_reports FOR EACH ROW WHEN (NEW.enterprise_id = '${ids[2]}') EXECUTE FUNCTION stream_test_refuse();`,
    );
    try {
      const r = await upload(streamed, streamedSession, await yearFile(), 'application/x-ndjson');
      expect(r.statusCode).toBe(200);
      const lines = linesOf(r.body);
      const phases = lines.flatMap((l) => (l.type === 'progress' ? [l.phase] : []));
      // It failed while writing: checked, parsed and validated before.
      expect(phases).toEqual(expect.arrayContaining(['check', 'parse', 'validate', 'write']));
      expect(phases).not.toContain('done');
      const last = lines.at(-1)!;
      expect(last).toMatchObject({ type: 'error', error: { code: 'INTERNAL' } });
      if (last.type !== 'error') return;
      expect(last.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(last.error.messageEn).toMatch(/^[\x20-\x7e]+$/);
      expect(lines.filter((l) => l.type === 'result')).toHaveLength(0);
      // One transaction: not the other enterprises' months, nor revisions, nor a batch, nor rollups.
      expect(await storedCount(streamed)).toEqual(before);
    } finally {
      await streamed.deps.database.execScript(`DROP TRIGGER stream_test_refuse ON monthly_reports; DROP FUNCTION stream_test_refuse();`);
    }
  });

  it('streams progress before the result, which equals the plain JSON answer for the same file', async () => {
    const file = await yearFile();
    const r = await upload(streamed, streamedSession, file, 'application/x-ndjson');
    expect(r.statusCode).toBe(200);
    const lines = linesOf(r.body);
    const resultAt = lines.findIndex((l) => l.type === 'result');
    expect(resultAt).toBe(lines.length - 1);
    const progress = lines.slice(0, resultAt).flatMap((l) => (l.type === 'progress' ? [l] : []));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBe(resultAt);
    // Phases come in order, each at most once in a row, and end with everything written.
    const order = ['check', 'parse', 'validate', 'write', 'rollups', 'done'];
    const seen = progress.map((p) => order.indexOf(p.phase));
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(order));
    const rows = usccs.length * 12; // the row with text is refused while parsing, before validation
    expect(progress.filter((p) => p.phase === 'validate').at(-1)).toMatchObject({ done: rows, total: rows });
    expect(progress.filter((p) => p.phase === 'write').at(-1)).toMatchObject({ done: usccs.length * 12, total: usccs.length * 12 });
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);

    const plainAnswer = await upload(plain, plainSession, file, 'application/json');
    expect(plainAnswer.statusCode).toBe(200);
    expect(plainAnswer.headers['content-type']).toContain('application/json');
    const expected = plainAnswer.json() as MonthlyImportResultView;
    expect(expected.imported).toBe(usccs.length * 12);
    expect(expected.rejected).toHaveLength(1);
    const last = lines[resultAt]!;
    if (last.type !== 'result') throw new Error('no result line');
    expect(comparable(last.result)).toEqual(comparable(expected));
    expect(last.result.reportId).not.toBeNull();
    // Both databases hold the same months afterwards.
    const months = async (t: TestApp) =>
      rowsOf<{ uscc: string; year: number; month: number; output: string }>(
        t.deps.database.db,
        sql`SELECT trim(e.uscc) AS uscc, r.year, r.month, r.output::text AS output FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id ORDER BY 1, 2, 3`,
      );
    expect(await months(streamed)).toEqual(await months(plain));
  });

  it('sends each progress line as it happens, not together with the result (over a socket)', async () => {
    const address = await streamed.app.listen({ port: 0, host: '127.0.0.1' });
    const file = await yearFile();
    const chunks: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        `${address}/api/monthly-reports/import?mode=valid-only&onConflict=replace`,
        { method: 'POST', headers: { cookie: streamedSession.cookie, 'x-csrf-token': streamedSession.csrf, 'content-type': XLSX_MIME, accept: 'application/x-ndjson' } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => chunks.push(chunk));
          res.on('end', resolve);
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(file);
    });
    // Over a real connection the lines arrive in pieces, in order, the result last.
    const resultChunk = chunks.findIndex((c) => c.includes('"type":"result"'));
    expect(resultChunk).toBe(chunks.length - 1);
    // The first line went out before the file was parsed, the write phase's later: not all at the end together.
    const chunkOf = (phase: string) => chunks.findIndex((c) => c.includes(`"phase":"${phase}"`));
    expect(chunkOf('check')).toBeGreaterThanOrEqual(0);
    expect(chunkOf('check')).toBeLessThan(chunkOf('write'));
    expect(chunkOf('write')).toBeLessThan(resultChunk);
    expect(linesOf(chunks.join('')).at(-1)?.type).toBe('result');
  });
});
