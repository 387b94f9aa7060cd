import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildZip, WORKBOOK_PARTS } from '../../../test/zip-builder.ts';
import { guardUpload, UploadRefused } from './upload-guard.ts';

async function refusal(run: Promise<unknown>): Promise<UploadRefused> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(UploadRefused);
    return error as UploadRefused;
  }
  throw new Error('expected UploadRefused');
}

const DOCX = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
];

/** A sheet of `rows` rows (plus a header), long enough to cross many 64 kB chunks of the streamed inflation. */
function sheetOf(rows: number): Buffer {
  const out = ['<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>'];
  for (let r = 2; r <= rows + 1; r++) out.push(`<row r="${r}" spans="1:2"><c r="A${r}"><v>${(r * 7919) % 100_003}</v></c><c r="B${r}"><v>${r}</v></c></row>`);
  out.push('</sheetData></worksheet>');
  return Buffer.from(out.join(''));
}

describe('guardUpload: the type by content', () => {
  it('returns the kind among the accepted ones', async () => {
    expect(await guardUpload(Buffer.from('金山区生物制造'), ['txt', 'docx'])).toBe('txt');
    expect(await guardUpload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('金山', 'utf16le')]), ['txt'])).toBe('txt');
    expect(await guardUpload(buildZip(DOCX), ['txt', 'docx'])).toBe('docx');
    expect(await guardUpload(buildZip(WORKBOOK_PARTS), ['xlsx'])).toBe('xlsx');
    expect(await guardUpload(Buffer.from('%PDF-1.7\n'), ['pdf', 'png'])).toBe('pdf');
  });

  it('refuses what the bytes really are, saying so in both languages', async () => {
    const exe = await refusal(guardUpload(Buffer.from('MZ\x90\x00binary'), ['xlsx']));
    expect(exe).toMatchObject({ status: 400, reason: 'wrong-type' });
    expect(exe.messageZh).toContain('可执行程序');
    expect(exe.messageEn).toContain('executable');
    expect((await refusal(guardUpload(Buffer.from('a\u0000b'), ['txt']))).reason).toBe('wrong-type');
    expect((await refusal(guardUpload(buildZip(DOCX), ['xlsx']))).messageEn).toContain('Word document');
    expect((await refusal(guardUpload(buildZip(WORKBOOK_PARTS), ['docx']))).messageEn).toContain('Excel workbook');
    expect((await refusal(guardUpload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), ['docx', 'xlsx']))).reason).toBe('legacy-or-encrypted');
    expect(await refusal(guardUpload(Buffer.alloc(0), ['txt']))).toMatchObject({ reason: 'empty', status: 400 });
    expect(await refusal(guardUpload(Buffer.alloc(64, 0x61), ['txt'], { limits: { maxBytes: 32 } }))).toMatchObject({ reason: 'too-large', status: 413 });
  });
});

describe('guardUpload: ZIP caps and the streamed inflation', () => {
  it('refuses a part over the per-part cap, over the total and over the ratio cap, naming it', async () => {
    const big = buildZip([...DOCX, { name: 'word/media/big.bin', data: Buffer.from('x'), declaredSize: 17 * 1024 * 1024 }]);
    expect(await refusal(guardUpload(big, ['docx']))).toMatchObject({ reason: 'uncompressed-too-large', entry: 'word/media/big.bin' });
    const total = buildZip([...DOCX, ...[1, 2, 3, 4, 5].map((n) => ({ name: `word/media/${n}.bin`, data: Buffer.from('x'), declaredSize: 15 * 1024 * 1024 }))]);
    expect(await refusal(guardUpload(total, ['docx']))).toMatchObject({ reason: 'uncompressed-too-large', entry: 'word/media/5.bin' });
    // 4 MB of one byte: ratio ≈ 1 000 : 1, honestly declared, under every size cap.
    const dense = buildZip([...DOCX, { name: 'word/media/dense.bin', data: Buffer.alloc(4 * 1024 * 1024, 0x20) }]);
    const ratio = await refusal(guardUpload(dense, ['docx']));
    expect(ratio).toMatchObject({ reason: 'uncompressed-too-large', entry: 'word/media/dense.bin' });
    expect(ratio.messageEn).toContain('ratio');
  });

  it('stops an under-declared part at its declared size, and a damaged one, naming it', async () => {
    const liar = buildZip([...DOCX, { name: 'word/media/liar.bin', data: Buffer.alloc(200_000, 7), declaredSize: 1000 }]);
    expect(await refusal(guardUpload(liar, ['docx']))).toMatchObject({ reason: 'uncompressed-too-large', entry: 'word/media/liar.bin' });
    const zip = buildZip([...DOCX, { name: 'word/styles.xml', data: Buffer.from('<w:styles/>'.repeat(500)) }]);
    const at = zip.indexOf(Buffer.from('word/styles.xml')) + 'word/styles.xml'.length + 2;
    zip.fill(0xff, at, at + 20);
    expect(await refusal(guardUpload(zip, ['docx']))).toMatchObject({ reason: 'damaged', entry: 'word/styles.xml' });
    expect((await refusal(guardUpload(zip.subarray(0, zip.length - 30), ['docx']))).reason).toBe('damaged');
  });

  it('streams a large part in chunks: 200 MB of accepted inflation costs tens of MB of garbage at most, never the 200 MB, and a bomb is refused for a few MB', async () => {
    const chunks: Buffer[] = [];
    const deflate = zlib.createDeflateRaw({ level: 9 });
    deflate.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => deflate.on('end', resolve));
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 200; i++) deflate.write(block);
    deflate.end();
    await ended;
    // The builder would deflate the data itself: declare 200 MB over a stored placeholder, then swap the body in.
    const deflated = Buffer.concat(chunks);
    const zip = buildZip([...DOCX, { name: 'word/media/huge.bin', data: deflated, method: 0 }]);
    const central = zip.lastIndexOf(Buffer.from('word/media/huge.bin')) - 46;
    const local = zip.indexOf(Buffer.from('word/media/huge.bin')) - 30;
    for (const p of [local + 8, central + 10]) zip.writeUInt16LE(8, p);
    for (const p of [local + 22, central + 24]) zip.writeUInt32LE(200 * 1024 * 1024, p);
    const limits = { maxEntryBytes: 256 * 1024 * 1024, maxUncompressedBytes: 256 * 1024 * 1024, maxRatio: 2_000 };
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    expect(await guardUpload(zip, ['docx'], { limits })).toBe('docx');
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    // What is left is the 64 kB chunks the collector has not yet taken back, not a buffer of the part.
    expect((peak - before) / 1024 / 1024).toBeLessThan(48);

    // The same 200 MB under the .docx caps, declared honestly and under-declared: refused for a few MB.
    const lying = Buffer.from(zip);
    for (const p of [local + 22, central + 24]) lying.writeUInt32LE(10 * 1024, p);
    for (const bomb of [zip, lying]) {
      const start = process.memoryUsage().rss;
      let top = start;
      const sample = setInterval(() => (top = Math.max(top, process.memoryUsage().rss)), 2);
      expect(await refusal(guardUpload(bomb, ['docx']))).toMatchObject({ reason: 'uncompressed-too-large', entry: 'word/media/huge.bin' });
      clearInterval(sample);
      top = Math.max(top, process.memoryUsage().rss);
      expect((top - start) / 1024 / 1024).toBeLessThan(8);
    }
  });
});

describe('guardUpload: rows counted while inflating', () => {
  it('accepts exactly maxRows data rows and refuses one more, wherever the chunks split the tags', async () => {
    const maxRows = 20_000;
    const at = (rows: number) => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheetOf(rows) }]);
    expect(await guardUpload(at(maxRows), ['xlsx'], { maxRows })).toBe('xlsx');
    const refused = await refusal(guardUpload(at(maxRows + 1), ['xlsx'], { maxRows }));
    expect(refused).toMatchObject({ reason: 'too-many-rows', status: 413, entry: 'xl/worksheets/sheet1.xml' });
    expect(refused.messageZh).toContain('20000');
    // Stored (not deflated) sheets are counted too, and so is a sheet placed outside xl/worksheets/; text that
    // merely reads "<row" (escaped in shared strings) is not a row.
    const stored = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet2.xml', data: sheetOf(maxRows + 1), method: 0 }]);
    expect((await refusal(guardUpload(stored, ['xlsx'], { maxRows }))).entry).toBe('xl/worksheets/sheet2.xml');
    const elsewhere = buildZip([...WORKBOOK_PARTS, { name: 'xl/custom/data.xml', data: sheetOf(maxRows + 1) }]);
    expect((await refusal(guardUpload(elsewhere, ['xlsx'], { maxRows }))).entry).toBe('xl/custom/data.xml');
    const strings = Buffer.from(`<sst>${'<si><t>&lt;row r="1"&gt;</t></si>'.repeat(maxRows + 5)}</sst>`);
    expect(await guardUpload(buildZip([...WORKBOOK_PARTS, { name: 'xl/sharedStrings.xml', data: strings }]), ['xlsx'], { maxRows })).toBe('xlsx');
    expect(await guardUpload(at(maxRows + 1), ['xlsx'])).toBe('xlsx');
  });
});
