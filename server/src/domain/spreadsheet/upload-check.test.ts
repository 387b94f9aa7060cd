import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip, WORKBOOK_PARTS } from '../../../../test/zip-builder.ts';
import { checkWorkbookUpload, DEFAULT_UPLOAD_LIMITS } from './upload-check.ts';
import { readZipDirectory } from './zip-directory.ts';

async function realWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('企业名录').addRow(['统一社会信用代码', '企业名称']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const limits = { maxBytes: 1024 * 1024, maxEntries: 1000, maxUncompressedBytes: 10 * 1024 * 1024 };

describe('checks before any workbook parser runs', () => {
  it('accepts a real .xlsx written by exceljs', async () => {
    const check = await checkWorkbookUpload(await realWorkbook(), limits);
    expect(check.ok).toBe(true);
  });

  it('refuses an empty and an oversized file by size alone', async () => {
    expect(await checkWorkbookUpload(Buffer.alloc(0), limits)).toMatchObject({ ok: false, reason: 'empty' });
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(limits.maxBytes)]);
    expect(await checkWorkbookUpload(big, limits)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('judges the type by content, not by name: CSV, PDF, a .docx and a legacy .xls renamed to .xlsx are refused', async () => {
    expect(await checkWorkbookUpload(Buffer.from('统一社会信用代码,企业名称\r\n', 'utf8'), limits)).toMatchObject({ ok: false, reason: 'not-xlsx' });
    expect(await checkWorkbookUpload(Buffer.from('%PDF-1.7\n...'), limits)).toMatchObject({ ok: false, reason: 'not-xlsx' });
    const docx = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect(await checkWorkbookUpload(docx, limits)).toMatchObject({ ok: false, reason: 'not-xlsx' });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await checkWorkbookUpload(ole, limits)).toMatchObject({ ok: false, reason: 'legacy-or-encrypted' });
  });

  it('refuses a tiny zip whose directory declares a huge uncompressed size, from the directory alone', async () => {
    const bomb = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 0xfffffff0 }]);
    expect(bomb.length).toBeLessThan(1024);
    expect(await checkWorkbookUpload(bomb, limits)).toMatchObject({ ok: false, reason: 'uncompressed-too-large' });
  });

  it('refuses a zip that under-declares: 50 MB of zeros declared as 1 kB fails at the declared size', async () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const liar = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1024 }]);
    expect(liar.length).toBeLessThan(limits.maxBytes);
    const check = await checkWorkbookUpload(liar, limits);
    expect(check).toMatchObject({ ok: false, reason: 'uncompressed-too-large' });
  });

  it('refuses thousands of entries by the count in the end-of-directory record', async () => {
    const many = buildZip([...WORKBOOK_PARTS, ...Array.from({ length: 3000 }, (_, i) => ({ name: `xl/media/${i}.bin`, method: 0 as const }))]);
    expect(await checkWorkbookUpload(many, limits)).toMatchObject({ ok: false, reason: 'too-many-entries' });
    // The count is read before the walk: a directory claiming many entries fails even when it is cut short.
    expect(() => readZipDirectory(many.subarray(many.length - 22), { maxEntries: 10, maxUncompressedBytes: 1e9 })).toThrow(/entries/);
  });

  it('refuses damaged archives instead of crashing', async () => {
    const real = await realWorkbook();
    const cut = real.subarray(0, Math.floor(real.length / 2));
    expect(await checkWorkbookUpload(cut, limits)).toMatchObject({ ok: false });
    expect(await checkWorkbookUpload(Buffer.from('PK\x03\x04garbage'), limits)).toMatchObject({ ok: false, reason: 'damaged' });
  });

  it('default limits are generous for real workbooks', () => {
    expect(DEFAULT_UPLOAD_LIMITS.maxEntries).toBeGreaterThanOrEqual(500);
    expect(DEFAULT_UPLOAD_LIMITS.maxUncompressedBytes).toBeGreaterThan(DEFAULT_UPLOAD_LIMITS.maxBytes);
  });
});
