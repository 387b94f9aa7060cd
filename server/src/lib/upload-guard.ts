/**
 * THE UPLOAD GUARD — every uploaded file passes here before any parser (mammoth, exceljs, the fast sheet
 * reader, the policy parser) sees a byte of it. See docs/decisions/0012-upload-guard.md.
 *
 *   const kind = await guardUpload(buffer, ['docx', 'txt']);          // 'docx' | 'txt', or throws UploadRefused
 *   await guardUpload(buffer, ['xlsx'], { maxRows: 50_000 });         // rows counted while inflating
 *
 * What it promises, in order (each refusal is an UploadRefused: 413 for a size, 400 otherwise, with a Chinese
 * and an English message naming the part or row where it stopped):
 *  1. the raw size is under the kind's cap;
 *  2. the type is decided by content (magic bytes), never by the name: an .exe or a .png renamed .xlsx, a
 *     legacy .xls/.doc, a PDF, a .docx sent as a workbook are refused;
 *  3. a ZIP (docx, xlsx) is judged by its central directory alone first: entry count, declared inflated size
 *     per entry and in total, the parts the kind must have;
 *  4. then every entry is inflated as a STREAM whose output is counted and thrown away, with a hard stop at
 *     its declared size (a directory can lie), the per-entry cap and the compression-ratio cap — so a bomb
 *     costs a few 64 kB chunks of memory, never its inflated size;
 *  5. for a workbook, the rows of every XML part (wherever a sheet is placed) are counted in that same stream and it stops at `maxRows`:
 *     a million-row sheet is refused after reading `maxRows` rows, before any parser builds one.
 * The caps of a kind agree with its row limit: a workbook at the inflated-size cap parses in a few seconds.
 */
import zlib from 'node:zlib';
import { readZipDirectory, ZipFormatError, type ZipEntry } from '../domain/spreadsheet/zip-directory.ts';
import { AppError } from '../app/errors.ts';

export type UploadKind = 'txt' | 'docx' | 'xlsx' | 'pdf' | 'png' | 'jpeg';

export interface UploadLimits {
  /** Raw bytes of the upload. */
  maxBytes: number;
  /** Entries of a ZIP. */
  maxEntries: number;
  /** Inflated bytes of all entries together (declared, and then counted). */
  maxUncompressedBytes: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated ÷ compressed size of one entry above 1 MB: real XML is 3–30, a bomb is near deflate's 1 032. */
  maxRatio: number;
}

/**
 * The limits per kind. A policy text's document.xml is a few hundred kB to a few MB; a bureau file at its
 * 50 000-row limit is ~26 MB of sheet XML (~520 bytes a row), a registry sheet at 50 000 rows up to ~40 MB.
 */
export const UPLOAD_LIMITS: Record<'docx' | 'xlsx' | 'other', UploadLimits> = {
  docx: { maxBytes: 20 * 1024 * 1024, maxEntries: 500, maxUncompressedBytes: 64 * 1024 * 1024, maxEntryBytes: 16 * 1024 * 1024, maxRatio: 200 },
  xlsx: { maxBytes: 20 * 1024 * 1024, maxEntries: 1_000, maxUncompressedBytes: 96 * 1024 * 1024, maxEntryBytes: 48 * 1024 * 1024, maxRatio: 200 },
  other: { maxBytes: 20 * 1024 * 1024, maxEntries: 0, maxUncompressedBytes: 0, maxEntryBytes: 0, maxRatio: 0 },
};

export interface GuardOptions {
  /** Overrides of the kind's limits (the configured MAX_UPLOAD_MB, the benchmark's larger files). */
  limits?: Partial<UploadLimits>;
  /** For 'xlsx': refuse a worksheet with more rows than this (counted while inflating). */
  maxRows?: number;
}

export type UploadRefusal =
  | 'empty'
  | 'too-large'
  | 'wrong-type'
  | 'legacy-or-encrypted'
  | 'too-many-entries'
  | 'uncompressed-too-large'
  | 'too-many-rows'
  | 'damaged';

/** A refused upload: 413 for a size or row cap, 400 otherwise; `entry` names the ZIP part where it stopped. */
export class UploadRefused extends AppError {
  constructor(
    readonly reason: UploadRefusal,
    messageZh: string,
    messageEn: string,
    readonly entry: string | null = null,
  ) {
    const status = reason === 'too-large' || reason === 'uncompressed-too-large' || reason === 'too-many-rows' ? 413 : 400;
    super(status, 'UPLOAD_REFUSED', messageZh, messageEn, [{ rule: reason, path: entry ?? undefined, message: messageZh, messageEn }]);
    this.name = 'UploadRefused';
  }
}

const KIND_LABEL: Record<UploadKind, [string, string]> = {
  txt: ['纯文本（.txt）', 'plain text (.txt)'],
  docx: ['Word 文档（.docx）', 'Word document (.docx)'],
  xlsx: ['Excel 工作簿（.xlsx）', 'Excel workbook (.xlsx)'],
  pdf: ['PDF', 'PDF'],
  png: ['PNG 图片', 'PNG image'],
  jpeg: ['JPEG 图片', 'JPEG image'],
};

/** Signatures of what is not one of our kinds, named so the refusal says what the file really is. */
const FOREIGN: { bytes: number[]; zh: string; en: string }[] = [
  { bytes: [0x4d, 0x5a], zh: '可执行程序（.exe/.dll）', en: 'an executable (.exe/.dll)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], zh: '可执行程序（ELF）', en: 'an executable (ELF)' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩文件', en: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩文件', en: 'a 7z archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], zh: 'RAR 压缩文件', en: 'a RAR archive' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SIGNATURES: Partial<Record<UploadKind, number[]>> = { pdf: [0x25, 0x50, 0x44, 0x46], png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], jpeg: [0xff, 0xd8, 0xff] };
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const startsWith = (buf: Buffer, bytes: readonly number[]) => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The parts a ZIP must hold to be this kind (a .docx renamed .xlsx is a ZIP, but not a workbook). */
/** A ZIP the guard inflates: a policy document, a workbook, or any Office document kept as an attachment. */
type ZipKind = 'docx' | 'xlsx' | 'office';
const REQUIRED_PARTS: Record<ZipKind, string[]> = { docx: ['[Content_Types].xml', 'word/document.xml'], xlsx: ['[Content_Types].xml', 'xl/workbook.xml'], office: ['[Content_Types].xml'] };
const ZIP_LABEL: Record<ZipKind, [string, string]> = { docx: KIND_LABEL.docx, xlsx: KIND_LABEL.xlsx, office: ['Office 文档', 'Office document'] };

function limitsFor(kind: UploadKind, options: GuardOptions): UploadLimits {
  return { ...(kind === 'docx' || kind === 'xlsx' ? UPLOAD_LIMITS[kind] : UPLOAD_LIMITS.other), ...options.limits };
}

function wrongType(accepted: readonly UploadKind[], whatZh: string, whatEn: string): UploadRefused {
  const zh = accepted.map((k) => KIND_LABEL[k][0]).join(' 或 ');
  const en = accepted.map((k) => `${k === 'txt' ? '' : k === 'xlsx' ? 'an ' : 'a '}${KIND_LABEL[k][1]}`).join(' or ');
  return new UploadRefused('wrong-type', `文件内容是${whatZh}，不是 ${zh}；仅修改扩展名不能转换格式`, `The content is ${whatEn}, not ${en}; renaming a file does not convert it`);
}

/** The kind the bytes are, among the accepted ones; throws when they are something else. */
function detectKind(buf: Buffer, accepted: readonly UploadKind[]): UploadKind {
  if (startsWith(buf, OLE2)) {
    throw new UploadRefused(
      'legacy-or-encrypted',
      '文件是旧版 Office 格式（.xls/.doc）或设置了打开密码的文档，请取消密码并另存为 .xlsx/.docx 后再上传',
      'The file is a legacy Office file (.xls/.doc) or a password-protected document; remove the password and save it as .xlsx/.docx',
    );
  }
  for (const kind of ['pdf', 'png', 'jpeg'] as const) {
    if (startsWith(buf, SIGNATURES[kind]!)) {
      if (accepted.includes(kind)) return kind;
      throw wrongType(accepted, KIND_LABEL[kind][0], `a ${KIND_LABEL[kind][1]}`);
    }
  }
  if (startsWith(buf, ZIP) || startsWith(buf, EMPTY_ZIP)) {
    const zipKind = accepted.find((k) => k === 'docx' || k === 'xlsx');
    if (zipKind) return zipKind;
    throw wrongType(accepted, 'ZIP 压缩包（或 Office 文档）', 'a ZIP archive (or an Office document)');
  }
  const foreign = FOREIGN.find((f) => startsWith(buf, f.bytes));
  if (foreign) throw wrongType(accepted, foreign.zh, foreign.en);
  // UTF-16 text carries NUL bytes; any other text never does.
  const utf16 = startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
  if (accepted.includes('txt') && (utf16 || !buf.subarray(0, 64 * 1024).includes(0))) return 'txt';
  throw wrongType(accepted, accepted.includes('txt') ? '二进制数据' : '文本或未知格式', accepted.includes('txt') ? 'binary data' : 'text or an unknown format');
}

/**
 * Checks `buffer` as one of the `accepted` kinds and returns the kind it is; throws UploadRefused otherwise.
 * Nothing is kept: a caller parses the same buffer afterwards, knowing that every ZIP entry inflates to no more
 * than its declared size, within the caps.
 */
export async function guardUpload(buffer: Buffer, accepted: readonly UploadKind[], options: GuardOptions = {}): Promise<UploadKind> {
  if (buffer.length === 0) throw new UploadRefused('empty', '文件为空', 'The file is empty');
  const maxBytes = Math.min(...accepted.map((k) => limitsFor(k, options).maxBytes));
  if (buffer.length > maxBytes) {
    throw new UploadRefused('too-large', `文件过大（${mb(buffer.length)}），上限为 ${mb(maxBytes)}`, `The file is too large (${mb(buffer.length)}); the limit is ${mb(maxBytes)}`);
  }
  const kind = detectKind(buffer, accepted);
  if (kind === 'docx' || kind === 'xlsx') await guardZip(buffer, kind, limitsFor(kind, options), options.maxRows);
  return kind;
}

/**
 * The same ZIP checks for an Office document kept as it is (an attachment: .docx, .xlsx, .pptx): directory caps,
 * then every part inflated as a counted stream with the hard stops, so a directory that lies about its sizes
 * is caught too. The caller has already decided the type by content.
 */
export async function guardOfficeArchive(buffer: Buffer, options: GuardOptions = {}): Promise<void> {
  await guardZip(buffer, 'office', { ...UPLOAD_LIMITS.docx, ...options.limits }, undefined);
}

const damaged = (kind: ZipKind, entry: string | null = null, detailZh = '', detailEn = '') =>
  new UploadRefused('damaged', `文件已损坏或不是有效的 ${ZIP_LABEL[kind][0]}${detailZh}`, `The file is damaged or not a valid ${ZIP_LABEL[kind][1]}${detailEn}`, entry);

const bomb = (entry: string, limitZh: string, limitEn: string) =>
  new UploadRefused('uncompressed-too-large', `压缩包中的“${entry}”${limitZh}，疑似压缩炸弹，拒绝解析`, `The part "${entry}" ${limitEn}; refused as a possible zip bomb`, entry);

async function guardZip(buffer: Buffer, kind: ZipKind, limits: UploadLimits, maxRows: number | undefined): Promise<void> {
  let entries: ZipEntry[];
  try {
    // The totals are checked below, entry by entry, so that the refusal names the part where the cap was passed.
    entries = readZipDirectory(buffer, { maxEntries: limits.maxEntries, maxUncompressedBytes: Number.MAX_SAFE_INTEGER }).entries;
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    if (error.code === 'too-many-entries') {
      throw new UploadRefused('too-many-entries', `压缩包内文件数过多（上限 ${limits.maxEntries}），拒绝解析`, `Too many parts in the archive (limit ${limits.maxEntries}); refused`);
    }
    if (error.code === 'too-large') {
      throw new UploadRefused(
        'uncompressed-too-large',
        `解压后体积超过上限（${mb(limits.maxUncompressedBytes)}），疑似压缩炸弹，拒绝解析`,
        `The uncompressed size passes the limit (${mb(limits.maxUncompressedBytes)}); refused as a possible zip bomb`,
      );
    }
    throw damaged(kind, null, '（压缩目录不完整）', ' (the archive directory is incomplete)');
  }
  const names = new Set(entries.map((e) => e.name));
  if (!REQUIRED_PARTS[kind].every((part) => names.has(part))) {
    const other = kind === 'xlsx' && names.has('word/document.xml') ? ['Word 文档', 'a Word document'] : kind === 'docx' && names.has('xl/workbook.xml') ? ['Excel 工作簿', 'an Excel workbook'] : ['其他压缩文件', 'another kind of archive'];
    throw kind === 'office' ? damaged(kind) : wrongType([kind], other[0]!, other[1]!);
  }
  // Declared sizes first, for every entry (no inflation yet): the cheapest refusal of an honest bomb.
  let declaredTotal = 0;
  for (const entry of entries) {
    declaredTotal += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.maxEntryBytes) throw bomb(entry.name, `解压后 ${mb(entry.uncompressedSize)}，超过单个部件上限 ${mb(limits.maxEntryBytes)}`, `inflates to ${mb(entry.uncompressedSize)}, over the ${mb(limits.maxEntryBytes)} limit per part`);
    if (declaredTotal > limits.maxUncompressedBytes) throw bomb(entry.name, `处解压后总体积超过上限 ${mb(limits.maxUncompressedBytes)}`, `takes the inflated total over the ${mb(limits.maxUncompressedBytes)} limit`);
    if (entry.flags & 0x1) throw new UploadRefused('legacy-or-encrypted', `文档已加密（${entry.name}），请取消密码后再上传`, `The document is encrypted (${entry.name}); remove the password first`, entry.name);
    if (entry.method !== 0 && entry.method !== 8) throw damaged(kind, entry.name, `（“${entry.name}”使用不支持的压缩方式 ${entry.method}）`, ` ("${entry.name}" uses compression method ${entry.method})`);
  }
  for (const entry of entries) {
    // Every XML part, not only xl/worksheets/*: a sheet may be placed anywhere the relationships point, and
    // `<row` never occurs unescaped outside sheet data (in shared strings it is `&lt;row`).
    const rows = kind === 'xlsx' && maxRows !== undefined && entry.name.endsWith('.xml') ? maxRows : undefined;
    await inflateCounted(buffer, kind, entry, limits, rows);
  }
}

/** The compressed bytes of an entry, located through its local header (which may differ from the directory). */
export function entryData(buffer: Buffer, entry: ZipEntry): Buffer | null {
  const p = entry.localHeaderOffset;
  if (p + 30 > buffer.length || buffer.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buffer.readUInt16LE(p + 26) + buffer.readUInt16LE(p + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  return data.length === entry.compressedSize ? data : null;
}

/** Rows in a stream of sheet XML: `<row` (or `<x:row`) followed by a space, `>` or `/`. */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const OUTPUT_CHUNK = 64 * 1024;

/**
 * Inflates one entry as a stream: each 64 kB of output is counted (and, for a worksheet, its rows) and dropped.
 * It stops at the first byte past the declared size, past the ratio cap, or at the row past `maxRows`.
 */
function inflateCounted(buffer: Buffer, kind: ZipKind, entry: ZipEntry, limits: UploadLimits, maxRows: number | undefined): Promise<void> {
  const data = entryData(buffer, entry);
  if (!data) return Promise.reject(damaged(kind, entry.name, `（“${entry.name}”的数据不完整）`, ` ("${entry.name}" is cut short)`));
  const ratioCap = entry.uncompressedSize > 1024 * 1024 ? Math.max(1, data.length) * limits.maxRatio : Number.POSITIVE_INFINITY;
  if (entry.uncompressedSize > ratioCap) {
    return Promise.reject(bomb(entry.name, `的压缩比超过 ${limits.maxRatio}:1`, `has a compression ratio over ${limits.maxRatio}:1`));
  }
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) return Promise.reject(bomb(entry.name, '的实际大小与声明不符', 'differs from its declared size'));
    countRows(data.toString('latin1'), 0, entry.name, maxRows);
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: OUTPUT_CHUNK });
    let total = 0;
    let rows = 0;
    let tail = '';
    let settled = false;
    const fail = (error: UploadRefused) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > entry.uncompressedSize) return fail(bomb(entry.name, `解压后超过其声明的大小（${mb(entry.uncompressedSize)}）`, `inflates beyond its declared size (${mb(entry.uncompressedSize)})`));
      if (maxRows !== undefined) {
        // Tag names are ASCII: latin1 keeps byte offsets and never fails on a split multi-byte character.
        const text = tail + chunk.toString('latin1');
        try {
          rows = countRows(text, rows, entry.name, maxRows);
        } catch (error) {
          return fail(error as UploadRefused);
        }
        // Keep the end, so that a tag cut between two chunks is seen once, whole (a tag is < 16 bytes).
        const cut = text.lastIndexOf('<');
        tail = cut >= 0 && text.length - cut < 16 ? text.slice(cut) : '';
        if (tail) rows -= countRows(tail, 0, entry.name, undefined);
      }
      return undefined;
    });
    inflate.on('error', () => fail(damaged(kind, entry.name, `（“${entry.name}”的数据已损坏）`, ` ("${entry.name}" is damaged)`)));
    inflate.on('end', () => {
      if (settled) return;
      if (total !== entry.uncompressedSize) return fail(bomb(entry.name, '的实际大小与声明不符', 'differs from its declared size'));
      settled = true;
      resolve();
    });
    inflate.end(data);
  });
}

function countRows(text: string, already: number, entry: string, maxRows: number | undefined): number {
  let rows = already;
  ROW_TAG.lastIndex = 0;
  while (ROW_TAG.exec(text)) {
    rows += 1;
    if (maxRows !== undefined && rows > maxRows + 1) {
      // +1: the header row is not a data row.
      throw new UploadRefused('too-many-rows', `工作表“${entry}”超过 ${maxRows} 行数据，单次最多导入 ${maxRows} 行，请拆分文件`, `The sheet "${entry}" has more than ${maxRows} data rows (the limit per import); split the file`, entry);
    }
  }
  return rows;
}
