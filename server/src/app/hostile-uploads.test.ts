import http from 'node:http';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession } from '../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { buildZip, WORKBOOK_PARTS, type ZipEntrySpec } from '../../../test/zip-builder.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';
import { multipartBody } from '../modules/plan/plan-test-helpers.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';

/**
 * The hostile-upload suite (issue 18): every upload path — policy text (.txt/.docx), registry workbooks, the
 * bureau's monthly file — against bombs, hard-wrapped text, a million rows, renamed and truncated files. Each
 * must end in a clear 4xx with a Chinese and an English message (naming the part or row where one applies),
 * store nothing, and leave the server answering /healthz. The files are generated here, small and fast.
 */
let t: TestApp;
let commission: Session;

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_PARSE_TIMEOUT_S: '2' });
  commission = await activeSession(t, 'u_hostile', 'commission');
});
afterAll(async () => t?.close());

const auth = () => ({ cookie: commission.cookie, 'x-csrf-token': commission.csrf });

function uploadPolicy(fileName: string, content: Buffer) {
  const { body, headers } = multipartBody(fileName, content, 'application/octet-stream');
  return t.app.inject({ method: 'POST', url: '/api/plan/parse-upload', payload: body, headers: { ...headers, ...auth() } });
}
const uploadWorkbook = (url: string, body: Buffer) => t.app.inject({ method: 'POST', url, payload: body, headers: { ...auth(), 'content-type': XLSX_MIME } });
const REGISTRY = '/api/enterprises/import?mode=valid-only';
const BUREAU = '/api/monthly-reports/import?mode=valid-only&onConflict=keep';

/** Deflates `times` copies of `block` as one raw stream, without holding the inflated whole in memory. */
async function deflateRepeated(block: Buffer, times: number, level: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level });
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  for (let i = 0; i < times; i++) deflate.write(block);
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** A ZIP with one pre-deflated entry (the builder deflates its own data; a bomb must not be built inflated). */
function zipWithDeflated(parts: ZipEntrySpec[], big: { name: string; deflated: Buffer; size: number }): Buffer {
  // The small parts from the builder, then the big entry by hand: local header + deflated bytes, and its
  // central entry with the declared size.
  const small = buildZip(parts);
  const smallDirStart = small.readUInt32LE(small.length - 6);
  const locals = small.subarray(0, smallDirStart);
  const centrals = small.subarray(smallDirStart, small.length - 22);
  const name = Buffer.from(big.name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(big.deflated.length, 18);
  local.writeUInt32LE(big.size >>> 0, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(big.deflated.length, 20);
  central.writeUInt32LE(big.size >>> 0, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(locals.length, 42);
  const directory = Buffer.concat([centrals, central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length + 1, 8);
  end.writeUInt16LE(parts.length + 1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(locals.length + 30 + name.length + big.deflated.length, 16);
  return Buffer.concat([locals, local, name, big.deflated, directory, end]);
}

const DOCX_PARTS = [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
  { name: '_rels/.rels', data: Buffer.from('<?xml version="1.0"?><Relationships/>') },
];
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(512, 0x41)]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let bombBlock: Buffer;
async function docxBomb(declared: number): Promise<Buffer> {
  // 200 MB of one repeated byte deflates to ~200 kB (deflate's ratio tops out near 1 032 : 1).
  bombBlock ??= await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 200, 9);
  return zipWithDeflated(DOCX_PARTS, { name: 'word/document.xml', deflated: bombBlock, size: declared });
}

let millionRows: Buffer;
/** A real-looking sheet of a million rows (~48 MB of XML, ~9 MB zipped): rows differ, so its ratio is ordinary. */
async function millionRowWorkbook(): Promise<Buffer> {
  if (millionRows) return millionRows;
  const rows: string[] = [];
  for (let r = 0; r < 1000; r++) rows.push(`<row r="${r + 2}"><c r="A${r + 2}"><v>${(r * 7919) % 1_000_003}</v></c></row>`);
  const block = Buffer.from(rows.join(''));
  const body = await deflateRepeated(block, 1000, 1);
  // Rows only, without the enclosing elements: the guard counts rows and stops long before the end.
  const inflatedSize = block.length * 1000;
  millionRows = zipWithDeflated(WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', deflated: body, size: inflatedSize });
  return millionRows;
}

async function expectRefused(r: Awaited<ReturnType<typeof uploadPolicy>>, statuses: number[], located?: string) {
  expect(statuses, r.body.slice(0, 300)).toContain(r.statusCode);
  const error = r.json().error as { code: string; message: string; messageEn: string };
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(error.messageEn).toMatch(/[a-z]{3}/);
  if (located) {
    expect(error.message).toContain(located);
    expect(error.messageEn).toContain(located);
  }
  const health = await t.app.inject({ method: 'GET', url: '/healthz' });
  expect(health.statusCode).toBe(200);
  return error;
}

const counts = async () => (await rowsOf<{ e: number; m: number }>(t.deps.database.db, sql`SELECT (SELECT count(*)::int FROM enterprises) AS e, (SELECT count(*)::int FROM monthly_reports) AS m`))[0]!;

describe('hostile uploads: policy documents (.txt, .docx)', () => {
  it('a .docx zip bomb (≈200 kB whose document.xml inflates to 200 MB) is refused before mammoth, naming the part', async () => {
    const honest = await docxBomb(200 * 1024 * 1024);
    expect(honest.length).toBeLessThan(260 * 1024);
    await expectRefused(await uploadPolicy('bomb.docx', honest), [400, 413], 'word/document.xml');
    // The same bomb declaring 10 kB: stopped by the streamed inflation at 10 kB.
    await expectRefused(await uploadPolicy('bomb.docx', await docxBomb(10 * 1024)), [400, 413], 'word/document.xml');
  });

  it('hard-wrapped text and a flood of numbering markers are parsed off the event loop, within the time limit', async () => {
    const wrapped = Buffer.from(Array.from({ length: 4000 }, (_, i) => `推进生物制造产业高质量发展加快培育壮大市场主体着力提升${i}`).join('\n'));
    const markers = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i}、`).join('\n'));
    for (const file of [wrapped, markers]) {
      const r = await uploadPolicy('wrapped.txt', file);
      // Either parsed (a linear parser) or stopped at the time limit with a clear 413 — never a stalled server.
      if (r.statusCode !== 200) expect((await expectRefused(r, [413])).code).toBe('POLICY_PARSE_TIMEOUT');
    }
  }, 30_000);

  it('renamed and truncated files are refused by content', async () => {
    await expectRefused(await uploadPolicy('policy.txt', EXE), [400, 415], '.exe');
    await expectRefused(await uploadPolicy('policy.docx', EXE), [400, 415, 422]);
    await expectRefused(await uploadPolicy('policy.txt', PNG), [400, 415]);
    const real = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('金山区生物制造')] }] }));
    await expectRefused(await uploadPolicy('cut.docx', real.subarray(0, Math.floor(real.length * 0.6))), [400, 422]);
  });

  it('/healthz answers within 1 s over a real socket while a hostile upload is processed', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const hostile = Buffer.from(Array.from({ length: 8000 }, (_, i) => `推进生物制造产业高质量发展加快培育壮大市场主体着力提升${i}`).join('\n'));
    const { body, headers } = multipartBody('wrapped.txt', hostile, 'text/plain');
    const upload = new Promise<number>((resolve, reject) => {
      const req = http.request(`${address}/api/plan/parse-upload`, { method: 'POST', headers: { ...headers, ...auth() } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    const healthz = () =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        http.get(`${address}/healthz`, (res) => {
          res.resume();
          res.on('end', () => resolve(performance.now() - started));
        }).on('error', reject);
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies = [await healthz(), await healthz(), await healthz()];
    for (const ms of latencies) expect(ms).toBeLessThan(1_000);
    expect([200, 413]).toContain(await upload);
  }, 30_000);
});

describe('hostile uploads: workbooks (registry import, bureau import)', () => {
  it('a zip bomb — declared huge, or under-declared — is refused naming the part, nothing stored', async () => {
    const before = await counts();
    const declared = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 0xfffffff0 }]);
    const liar = zipWithDeflated(WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', deflated: await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 100, 9), size: 4096 });
    for (const url of [REGISTRY, BUREAU]) {
      await expectRefused(await uploadWorkbook(url, declared), [400, 413]);
      await expectRefused(await uploadWorkbook(url, liar), [400, 413], 'xl/worksheets/sheet1.xml');
    }
    expect(await counts()).toEqual(before);
  });

  it('a million-row sheet is refused at the row limit, counted while inflating: 413 in well under the time to parse it', async () => {
    const file = await millionRowWorkbook();
    const before = await counts();
    for (const url of [REGISTRY, BUREAU]) {
      const started = performance.now();
      const r = await uploadWorkbook(url, file);
      const seconds = (performance.now() - started) / 1000;
      const error = await expectRefused(r, [413], 'xl/worksheets/sheet1.xml');
      expect(error.messageEn).toMatch(/more than [\d,]+ data rows/);
      expect(seconds).toBeLessThan(5);
    }
    expect(await counts()).toEqual(before);
  }, 30_000);

  it('an .exe or a .png renamed .xlsx, a .docx sent as a workbook and a truncated workbook are refused by content', async () => {
    const before = await counts();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业名录').addRow(['统一社会信用代码', '企业名称']);
    const real = Buffer.from(await wb.xlsx.writeBuffer());
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] }));
    for (const url of [REGISTRY, BUREAU]) {
      await expectRefused(await uploadWorkbook(url, EXE), [400], '.exe');
      await expectRefused(await uploadWorkbook(url, PNG), [400], 'PNG');
      await expectRefused(await uploadWorkbook(url, docx), [400], 'Word');
      await expectRefused(await uploadWorkbook(url, real.subarray(0, Math.floor(real.length / 2))), [400]);
    }
    expect(await counts()).toEqual(before);
  });
});
