/**
 * Checks an uploaded workbook BEFORE any parser sees it (the parser inflates and builds objects for every
 * cell, so everything that can be refused cheaply is refused first):
 *  1. size cap, on the raw bytes;
 *  2. type by content (magic bytes), never by file name: OLE2 (.xls, or an encrypted .xlsx) and anything that
 *     is not a ZIP are refused; a ZIP must contain the parts of a SpreadsheetML package (a renamed .docx is not
 *     a workbook);
 *  3. ZIP central directory: entry count and total declared uncompressed size (zip-directory.ts);
 *  4. every entry inflated with a hard limit at its declared size (zip-inflate.ts).
 */
import { readZipDirectory, ZipFormatError } from './zip-directory.ts';
import { verifyEntriesInflate, ZipContentError } from './zip-inflate.ts';

export interface UploadLimits {
  maxBytes: number;
  maxEntries: number;
  maxUncompressedBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  // A workbook has a dozen parts, plus one per sheet, comment set, drawing and image: 1 000 is generous.
  maxEntries: 1_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
};

export type UploadRejection =
  | 'empty'
  | 'too-large'
  | 'legacy-or-encrypted'
  | 'not-xlsx'
  | 'too-many-entries'
  | 'uncompressed-too-large'
  | 'damaged';

export type UploadCheck = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; reason: UploadRejection; messageZh: string; messageEn: string };

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function reject(reason: UploadRejection, messageZh: string, messageEn: string): UploadCheck {
  return { ok: false, reason, messageZh, messageEn };
}

export function checkWorkbookUpload(buf: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): UploadCheck {
  if (buf.length === 0) return reject('empty', '文件为空', 'The file is empty');
  if (buf.length > limits.maxBytes) {
    return reject('too-large', `文件过大（${mb(buf.length)}），上限为 ${mb(limits.maxBytes)}`, `The file is too large (${mb(buf.length)}); the limit is ${mb(limits.maxBytes)}`);
  }
  if (buf.subarray(0, 8).equals(OLE2)) {
    return reject(
      'legacy-or-encrypted',
      '文件是旧版 Excel（.xls）或设置了打开密码的工作簿，请在 Excel 中取消密码并另存为 .xlsx 后再导入',
      'The file is a legacy .xls or a password-protected workbook; remove the password and save it as .xlsx',
    );
  }
  if (!buf.subarray(0, 4).equals(ZIP_LOCAL)) {
    return reject('not-xlsx', '文件内容不是 Excel 工作簿（.xlsx），请勿仅修改扩展名', 'The content is not an Excel workbook (.xlsx); renaming a file does not convert it');
  }
  try {
    const directory = readZipDirectory(buf, { maxEntries: limits.maxEntries, maxUncompressedBytes: limits.maxUncompressedBytes });
    const names = new Set(directory.entries.map((e) => e.name));
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
      return reject('not-xlsx', '文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文档', 'The file is not an Excel workbook (.xlsx); it may be another document renamed');
    }
    verifyEntriesInflate(buf, directory.entries);
    return { ok: true, entries: directory.entryCount, uncompressedBytes: directory.totalUncompressed };
  } catch (error) {
    if (error instanceof ZipFormatError) {
      if (error.code === 'too-many-entries') {
        return reject('too-many-entries', `压缩包内文件数过多（上限 ${limits.maxEntries}），拒绝解析`, `Too many parts in the archive (limit ${limits.maxEntries}); refused`);
      }
      if (error.code === 'too-large') {
        return reject(
          'uncompressed-too-large',
          `解压后体积超过上限（${mb(limits.maxUncompressedBytes)}），疑似压缩炸弹，拒绝解析`,
          `The uncompressed size passes the limit (${mb(limits.maxUncompressedBytes)}); refused as a possible zip bomb`,
        );
      }
      return reject('damaged', '文件已损坏或不是有效的 .xlsx 工作簿', 'The file is damaged or not a valid .xlsx workbook');
    }
    if (error instanceof ZipContentError) {
      if (error.code === 'size-mismatch') {
        return reject('uncompressed-too-large', '工作簿内部数据与声明的大小不符，疑似压缩炸弹，拒绝解析', 'A part of the workbook does not match its declared size; refused as a possible zip bomb');
      }
      if (error.code === 'encrypted') return reject('legacy-or-encrypted', '工作簿已加密，请取消密码后再导入', 'The workbook is encrypted; remove the password first');
      return reject('damaged', '文件已损坏或不是有效的 .xlsx 工作簿', 'The file is damaged or not a valid .xlsx workbook');
    }
    throw error;
  }
}
