import mammoth from 'mammoth';
import { AppError } from '../../app/errors.ts';
import { unwrapHardWrappedLines } from '../../domain/plan-parser/unwrap.ts';
import { guardUpload, UploadRefused } from '../../lib/upload-guard.ts';

/**
 * Reads an uploaded policy document into plain text for the parser. Accepted: plain text (UTF-8, UTF-8 with
 * BOM, UTF-16 with BOM, or GB18030/GBK as saved by Chinese Windows editors) and Word .docx. Anything else
 * is refused with a typed error the user can act on ("save it as .docx"), never a stack trace.
 * The returned text uses "\n" line ends, and a plain-text file hard-wrapped by a PDF copy is joined back into
 * paragraphs; the parser's character offsets refer to exactly the returned string, so keep it.
 */
export type PolicyTextErrorCode = 'POLICY_FILE_EMPTY' | 'POLICY_FILE_TOO_LARGE' | 'POLICY_FILE_UNSUPPORTED' | 'POLICY_FILE_UNREADABLE';

export class PolicyTextError extends AppError {
  constructor(
    readonly reason: PolicyTextErrorCode,
    messageZh: string,
    messageEn: string,
  ) {
    super(reason === 'POLICY_FILE_UNSUPPORTED' ? 415 : reason === 'POLICY_FILE_TOO_LARGE' ? 413 : 422, reason, messageZh, messageEn);
    this.name = 'PolicyTextError';
  }
}

/** A policy text is a few hundred kilobytes at most; anything far larger is not one. */
export const MAX_POLICY_FILE_BYTES = 20 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set(['', '.txt', '.text']);
const OTHER_ZIP_EXTENSIONS = new Set(['.zip', '.xlsx', '.xlsm', '.pptx', '.odt', '.ods', '.odp', '.jar', '.epub']);

const startsWith = (buf: Buffer, bytes: readonly number[]) => bytes.every((b, i) => buf[i] === b);
const isZip = (buf: Buffer) => startsWith(buf, [0x50, 0x4b, 0x03, 0x04]);
const isOleCompound = (buf: Buffer) => startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const isPdf = (buf: Buffer) => startsWith(buf, [0x25, 0x50, 0x44, 0x46]);

const unsupported = (what: string, whatEn: string) =>
  new PolicyTextError(
    'POLICY_FILE_UNSUPPORTED',
    `不支持的文件格式(${what}),请上传 .txt 文本或 .docx 文档`,
    `Unsupported file format (${whatEn}); upload a .txt text file or a .docx document`,
  );

export async function extractPolicyText(buffer: Buffer, fileName: string): Promise<string> {
  const ext = extensionOf(fileName);
  if (buffer.length === 0) throw new PolicyTextError('POLICY_FILE_EMPTY', '文件为空', 'The file is empty');
  if (buffer.length > MAX_POLICY_FILE_BYTES) {
    throw new PolicyTextError('POLICY_FILE_TOO_LARGE', '文件过大(上限 20 MB)', 'The file is too large (limit 20 MB)');
  }
  // Content decides, not the name: a .docx saved as "policy.txt" is still read as Word.
  const fromWord = isZip(buffer);
  if (fromWord && OTHER_ZIP_EXTENSIONS.has(ext)) throw unsupported(ext, ext);
  if (!fromWord && !isOleCompound(buffer) && !isPdf(buffer) && ext !== '.docx' && TEXT_EXTENSIONS.has(ext)) await guarded(buffer, 'txt');
  if (fromWord) await guarded(buffer, 'docx');
  const text = fromWord ? await readDocx(buffer, ext) : decodeText(buffer, ext);
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  // Word keeps paragraphs whole; only plain text can carry a PDF copy's line wrapping.
  const normalised = fromWord ? lines : unwrapHardWrappedLines(lines);
  if (normalised.trim().length === 0) throw new PolicyTextError('POLICY_FILE_EMPTY', '文件中没有文字内容', 'The file contains no text');
  return normalised;
}

/**
 * The upload guard (lib/upload-guard.ts) before mammoth or the decoder: the zip caps and streamed inflation of
 * a .docx (a 205 kB file whose document.xml inflates to 200 MB stops at its first part over the caps), and the
 * binary check of a text. Its refusals that say "not this kind" keep this module's codes; a bomb stays itself.
 */
async function guarded(buffer: Buffer, kind: 'txt' | 'docx'): Promise<void> {
  try {
    // A text is refused as "not .txt or .docx": the two things this upload accepts.
    await guardUpload(buffer, kind === 'txt' ? ['txt', 'docx'] : ['docx'], { limits: { maxBytes: MAX_POLICY_FILE_BYTES } });
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    if (error.reason === 'wrong-type') throw new PolicyTextError('POLICY_FILE_UNSUPPORTED', error.messageZh, error.messageEn);
    if (error.reason === 'damaged') throw new PolicyTextError('POLICY_FILE_UNREADABLE', error.messageZh, error.messageEn);
    throw error;
  }
}

async function readDocx(buffer: Buffer, _ext: string): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer });
    return result.value;
  } catch {
    throw new PolicyTextError(
      'POLICY_FILE_UNREADABLE',
      '无法读取该 Word 文档,文件可能已损坏或不是 .docx 格式',
      'The Word document cannot be read; it may be damaged or not in .docx format',
    );
  }
}

function decodeText(buffer: Buffer, ext: string): string {
  if (isOleCompound(buffer)) throw unsupported('旧版 Word .doc,请另存为 .docx', 'legacy Word .doc; save it as .docx');
  if (isPdf(buffer)) throw unsupported('PDF', 'PDF');
  if (ext === '.docx') {
    throw new PolicyTextError('POLICY_FILE_UNREADABLE', '文件扩展名为 .docx,但内容不是 Word 文档', 'The file is named .docx but is not a Word document');
  }
  if (!TEXT_EXTENSIONS.has(ext)) throw unsupported(ext, ext);
  if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  // NUL bytes never occur in UTF-8 or GB18030 Chinese text: this is a binary file with a text name.
  if (buffer.includes(0)) throw unsupported('二进制文件', 'binary file');
  const hasBom = startsWith(buffer, [0xef, 0xbb, 0xbf]);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? buffer.subarray(3) : buffer);
  } catch {
    if (hasBom) throw unreadableText();
  }
  // Not valid UTF-8: the other encoding Chinese text files come in. GB18030 is a superset of GBK and GB2312.
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(buffer);
  } catch {
    throw unreadableText();
  }
}

function unreadableText(): PolicyTextError {
  return new PolicyTextError(
    'POLICY_FILE_UNREADABLE',
    '无法识别文本编码,请以 UTF-8 或 GB18030 编码保存后重试',
    'The text encoding is not recognised; save the file as UTF-8 or GB18030 and try again',
  );
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
